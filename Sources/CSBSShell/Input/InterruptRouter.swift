import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Routes Ctrl-C (SIGINT) to whatever the shell is doing: while a line is being read it abandons that line;
/// while a command runs it cancels the command's task; otherwise it is ignored. The process is never
/// killed by Ctrl-C while the shell runs, so the terminal is never left in a broken state.
public final class InterruptRouter: Sendable {
    private enum Mode {
        case idle
        /// `resume`: the cancel of the command that asked for this read (a `confirm`), restored when it ends.
        case reading(interrupted: Bool, resume: (@Sendable () -> Void)?)
        case running(cancel: @Sendable () -> Void)
    }

    private let mode = Mutex<Mode>(.idle)
    private let source = Mutex<SignalSource?>(nil)

    /// Dispatch sources are thread-safe objects that are not marked `Sendable`.
    private final class SignalSource: @unchecked Sendable {
        let source: any DispatchSourceSignal
        init(_ source: any DispatchSourceSignal) { self.source = source }
    }

    public init() {}

    /// Starts receiving SIGINT (the default action, terminating the process, is switched off).
    public func install() {
        source.withLock { installed in
            guard installed == nil else { return }
            signal(SIGINT, SIG_IGN)
            let signalSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "csbs.sigint"))
            signalSource.setEventHandler { [weak self] in self?.interrupt() }
            signalSource.resume()
            installed = SignalSource(signalSource)
        }
    }

    /// Stops receiving SIGINT and restores its default action.
    public func uninstall() {
        source.withLock { installed in
            guard let current = installed else { return }
            current.source.cancel()
            installed = nil
            signal(SIGINT, SIG_DFL)
        }
    }

    /// What Ctrl-C does now; also called directly by tests.
    public func interrupt() {
        let cancel: (@Sendable () -> Void)? = mode.withLock { mode in
            switch mode {
            case .idle:
                return nil
            case .reading(_, let resume):
                mode = .reading(interrupted: true, resume: resume)
                return nil
            case .running(let cancel):
                return cancel
            }
        }
        cancel?()
    }

    /// A read begins: Ctrl-C abandons the line. A read a running command asks for (a `confirm` in the shell) gives
    /// Ctrl-C back to that command when it ends.
    func beginReading() {
        mode.withLock { mode in
            if case .running(let cancel) = mode {
                mode = .reading(interrupted: false, resume: cancel)
            } else {
                mode = .reading(interrupted: false, resume: nil)
            }
        }
    }

    func endReading() {
        mode.withLock { mode in
            if case .reading(_, let resume?) = mode { mode = .running(cancel: resume) } else { mode = .idle }
        }
    }

    /// Whether Ctrl-C was pressed since the read began (and forgets it).
    func takeReadInterrupt() -> Bool {
        mode.withLock { mode in
            guard case .reading(true, let resume) = mode else { return false }
            mode = .reading(interrupted: false, resume: resume)
            return true
        }
    }

    /// Runs `operation` so that Ctrl-C cancels it.
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let cancel: @Sendable () -> Void = { task.cancel() }
        mode.withLock { mode in
            // The operation may already be reading (a `confirm` asking): Ctrl-C stays with that read until it ends.
            if case .reading(let interrupted, nil) = mode {
                mode = .reading(interrupted: interrupted, resume: cancel)
            } else {
                mode = .running(cancel: cancel)
            }
        }
        defer { mode.withLock { $0 = .idle } }
        return await task.value
    }
}
