import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Window resizes (SIGWINCH) and returns from a stop (SIGCONT, after Ctrl-Z and `fg`), noted as they arrive and
/// taken by the reader's loop, which acts on them on its own thread (readline is not signal-safe).
final class TerminalEvents: Sendable {
    private struct Pending {
        var resized = false
        var continued = false
    }

    private let pending = Mutex(Pending())
    private let sources = Mutex<[SignalSource]>([])

    /// Dispatch sources are thread-safe objects that are not marked `Sendable`.
    private final class SignalSource: @unchecked Sendable {
        let source: any DispatchSourceSignal
        init(_ source: any DispatchSourceSignal) { self.source = source }
    }

    /// Starts noting both signals (their default actions, ignoring and continuing, are kept by the kernel).
    func install() {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            let queue = DispatchQueue(label: "csbs.terminal-events")
            for (number, note) in [(SIGWINCH, \Pending.resized), (SIGCONT, \Pending.continued)] {
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { [weak self] in self?.pending.withLock { $0[keyPath: note] = true } }
                source.resume()
                installed.append(SignalSource(source))
            }
        }
    }

    /// Whether the window was resized since the last call (and forgets it).
    func takeResize() -> Bool { take(\.resized) }

    /// Whether the process was continued after a stop since the last call (and forgets it).
    func takeContinue() -> Bool { take(\.continued) }

    private func take(_ flag: WritableKeyPath<Pending, Bool>) -> Bool {
        pending.withLock { state in
            defer { state[keyPath: flag] = false }
            return state[keyPath: flag]
        }
    }
}
