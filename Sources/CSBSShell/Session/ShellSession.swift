import Dispatch
import Foundation
import Synchronization

/// The interactive loop: prompt, read (continuing unfinished statements on a secondary prompt), record
/// history, run through the engine with Ctrl-C routed to the running command, and the shell's own commands
/// `help [TOPIC]`, `history`, `history save FILE`, `exit`/`quit`.
public struct ShellSession: Sendable {
    /// The prompt for the second and later lines of an unfinished statement.
    public static let continuationPrompt = "  ...> "

    let reader: any LineReader
    let engine: any ShellEngine
    let interrupts: InterruptRouter
    let write: @Sendable (String) -> Void
    let completer: Completer
    private let catalog = CatalogBox()

    /// Creates a session.
    /// - Parameters:
    ///   - reader: The terminal (or a scripted reader in tests).
    ///   - engine: The language and backend.
    ///   - interrupts: Where Ctrl-C is routed (installed by the caller for a real terminal).
    ///   - completer: The completion rules.
    ///   - write: Where the shell's own messages go (history listings, notes).
    public init(
        reader: any LineReader,
        engine: any ShellEngine,
        interrupts: InterruptRouter,
        completer: Completer = Completer(),
        write: @escaping @Sendable (String) -> Void
    ) {
        self.reader = reader
        self.engine = engine
        self.interrupts = interrupts
        self.completer = completer
        self.write = write
    }

    /// Runs until `exit`, Ctrl-D or the end of input.
    /// - Parameter history: Loaded before the first prompt, saved after every kept entry.
    /// - Returns: The exit status (0, or the status given to `exit N`).
    public func run(history initial: History) async -> Int32 {
        var history = initial
        history.load()
        for entry in history.entries { reader.remember(entry) }
        let completer = self.completer
        let catalog = self.catalog
        // Tab pressed before the first snapshot arrives (the backend may still be starting) waits for it briefly
        // rather than offering nothing. The completion callback runs on the reader's own thread, not on a task.
        reader.setCompleter { request in
            completer.complete(request, catalog: catalog.waitForFirstValue(seconds: 3))
        }
        let refresh = Task { await catalog.set(engine.completionCatalog()) }
        defer { refresh.cancel() }

        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? await engine.prompt() : Self.continuationPrompt
            switch await reader.read(prompt: prompt) {
            case .endOfInput:
                save(history)
                return 0
            case .interrupted:
                pending.removeAll()
            case .line(let line):
                if pending.isEmpty, let status = await shellCommand(line, history: &history) {
                    if let code = status { return code }
                    continue
                }
                pending.append(line)
                let text = pending.joined(separator: "\n")
                guard await engine.completeness(of: text) == .complete else { continue }
                pending.removeAll()
                if history.record(text) {
                    reader.remember(text.trimmingSpaces)
                }
                save(history)
                let outcome = await interrupts.run { await engine.evaluate(text) }
                if case .exit(let code) = outcome {
                    save(history)
                    return code
                }
                Task { await catalog.set(engine.completionCatalog()) }
            }
        }
    }

    /// Handles the shell's own commands.
    /// - Returns: `nil` when `line` is not one; `.some(nil)` when handled; `.some(code)` to leave.
    private func shellCommand(_ line: String, history: inout History) async -> Int32?? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return nil }
        switch (first, words.count) {
        case ("exit", 1), ("quit", 1), ("\\q", 1):
            save(history)
            return .some(0)
        case ("help", 1), ("help", 2):
            write(await engine.help(topic: words.count == 2 ? words[1] : nil))
            return .some(nil)
        case ("history", 1):
            let width = String(history.entries.count).count
            for (index, entry) in history.entries.enumerated() {
                let number = String(index + 1)
                let padding = String(repeating: " ", count: width - number.count)
                write(padding + number + "  " + entry.replacingNewlines + "\n")
            }
            return .some(nil)
        case ("history", 3) where words[1] == "save":
            let path = words[2].trimmingQuotes
            do {
                try history.sessionScript().write(toFile: path, atomically: true, encoding: .utf8)
                write("saved \(history.sessionInputs.count) input(s) of this session to \(path)\n")
            } catch {
                write("csbs: cannot write \(path): \(error.localizedDescription)\n")
            }
            return .some(nil)
        default:
            return nil
        }
    }

    private func save(_ history: History) {
        do {
            try history.save()
        } catch {
            write("csbs: cannot save history: \(error.localizedDescription)\n")
        }
    }
}

/// The latest completion snapshot, read synchronously by the completion callback.
private final class CatalogBox: Sendable {
    private let state = Mutex((catalog: CompletionCatalog(), loaded: false))
    private let firstValue = DispatchSemaphore(value: 0)

    var value: CompletionCatalog { state.withLock { $0.catalog } }

    /// The snapshot, waiting up to `seconds` for the first one to arrive.
    func waitForFirstValue(seconds: Double) -> CompletionCatalog {
        if !state.withLock({ $0.loaded }), firstValue.wait(timeout: .now() + seconds) == .success {
            firstValue.signal()
        }
        return value
    }

    func set(_ catalog: CompletionCatalog) {
        let first = state.withLock { state in
            defer { state = (catalog, true) }
            return !state.loaded
        }
        if first { firstValue.signal() }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }

    fileprivate var replacingNewlines: String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }

    fileprivate var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
