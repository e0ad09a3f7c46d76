import Dispatch
import Foundation
import Synchronization

/// Routes Ctrl-C (SIGINT) to whatever the shell is doing: while a line is being read it abandons that line;
/// while a command runs it cancels the command's task; otherwise it is ignored. The process is never
/// killed by Ctrl-C while the shell runs, so the terminal is never left in a broken state.
public final class InterruptRouter: Sendable {
    private enum Mode {
        case idle
        case reading(interrupted: Bool)
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
            case .reading:
                mode = .reading(interrupted: true)
                return nil
            case .running(let cancel):
                return cancel
            }
        }
        cancel?()
    }

    func beginReading() { mode.withLock { $0 = .reading(interrupted: false) } }

    func endReading() { mode.withLock { $0 = .idle } }

    /// Whether Ctrl-C was pressed since the read began (and forgets it).
    func takeReadInterrupt() -> Bool {
        mode.withLock { mode in
            guard case .reading(true) = mode else { return false }
            mode = .reading(interrupted: false)
            return true
        }
    }

    /// Runs `operation` so that Ctrl-C cancels it.
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        mode.withLock { $0 = .running(cancel: { task.cancel() }) }
        defer { mode.withLock { $0 = .idle } }
        return await task.value
    }
}
