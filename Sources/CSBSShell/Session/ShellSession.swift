import CSBSPlatform
import Dispatch
import FoundationEssentials
import Synchronization

/// The interactive loop: prompt, read (continuing unfinished statements on a secondary prompt), record
/// history (expanding `!!`, `!N`, `!-N`, `!TEXT` at the start of an input: ``HistoryExpansion``), run through the
/// engine with Ctrl-C routed to the running command, and the shell's own commands `help [TOPIC]`, `history`,
/// `history save FILE`, `exit`/`quit`.
public struct ShellSession: Sendable {
    /// The prompt for the second and later lines of an unfinished statement.
    public static let continuationPrompt = "  ...> "

    /// The longest a key press waits for completion data (in seconds): a slow backend never freezes the keyboard.
    public static let firstSnapshotWait = 0.1

    let reader: any LineReader
    let engine: any ShellEngine
    let interrupts: InterruptRouter
    let write: @Sendable (String) -> Void
    let completer: Completer
    /// The home directory `~/` in a `history save` path stands for (`nil`: no expansion).
    let home: String?
    /// `edit` (`\e`): the text given, edited by the user (`nil`: no editor, the command says so).
    let edit: (@Sendable (String) async throws -> String)?
    private let catalog = CatalogBox()

    /// Creates a session.
    /// - Parameters:
    ///   - reader: The terminal (or a scripted reader in tests).
    ///   - engine: The language and backend.
    ///   - interrupts: Where Ctrl-C is routed (installed by the caller for a real terminal).
    ///   - completer: The completion rules.
    ///   - home: What `~/` stands for in a `history save` path.
    ///   - edit: Lets the user edit an input (``ExternalEditor/edit(_:)`` on a terminal).
    ///   - write: Where the shell's own messages go (history listings, notes).
    public init(
        reader: any LineReader,
        engine: any ShellEngine,
        interrupts: InterruptRouter,
        completer: Completer = Completer(),
        home: String? = nil,
        edit: (@Sendable (String) async throws -> String)? = nil,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.edit = edit
        self.reader = reader
        self.engine = engine
        self.interrupts = interrupts
        self.completer = completer
        self.home = home
        self.write = write
    }

    /// Runs until `exit`, Ctrl-D or the end of input.
    /// - Parameter history: Loaded before the first prompt, saved after every kept entry.
    /// - Returns: The exit status (0, or the status given to `exit N`).
    public func run(history initial: History) async -> Int32 {
        var history = initial
        var keeper = HistoryKeeper(write: write)
        keeper.attempt { try history.load() }
        for entry in history.entries { reader.remember(entry) }
        let configuredSecrets = history.policy.knownSecrets
        let completer = self.completer
        let catalog = self.catalog
        // What needs no backend (statements, keywords, profiles) is made beside the first prompt, not before it: it
        // parses the language reference, 1–2 ms of the shell's start. It runs on a dispatch thread, not a task, so
        // that nothing on the concurrency pool holds it up. Tab waits for it (it is local work), then for the
        // first snapshot with the backend's names at most ``firstSnapshotWait``, and offers what there is. The
        // completion callback runs on the reader's own thread, not on a task.
        DispatchQueue.global().async { [engine] in catalog.setInitial(engine.immediateCatalog()) }
        reader.setCompleter { request in
            completer.complete(request, catalog: catalog.waitForFirstValue(seconds: Self.firstSnapshotWait))
        }
        // Cancelled when the session ends; what a cancelled listing returns is not a snapshot.
        let first = catalog.nextRequest()
        let refresh = Task {
            let snapshot = await engine.completionCatalog()
            if !Task.isCancelled { catalog.set(snapshot, request: first) }
        }
        defer { refresh.cancel() }

        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? await engine.prompt() : Self.continuationPrompt
            reader.setPendingLines(pending)
            switch await reader.read(prompt: prompt) {
            case .endOfInput where !pending.isEmpty:
                // Ctrl-D inside a block abandons the block, as Ctrl-C does; a second Ctrl-D leaves.
                pending.removeAll()
                write("csbs: the unfinished input was abandoned (Ctrl-D again leaves)\n")
            case .endOfInput:
                keeper.attempt { try history.save() }
                return 0
            case .interrupted:
                pending.removeAll()
            case .line(let typed):
                var line = typed
                if Self.isEditCommand(typed) {
                    // The unfinished block, else the last entry, in the editor; what comes back runs as if typed.
                    let initial = pending.isEmpty ? (history.entries.last ?? "") : pending.joined(separator: "\n")
                    pending.removeAll()
                    guard let edited = await editedInput(initial) else { continue }
                    line = edited
                } else if pending.isEmpty {
                    switch history.expansion(of: typed) {
                    case .none:
                        break
                    case .expanded(let text):
                        // As bash does, the shell shows what it runs.
                        write(text + "\n")
                        line = text
                    case .notFound(let message):
                        write("csbs: \(message)\n")
                        continue
                    }
                }
                if pending.isEmpty, let status = await shellCommand(line, history: &history, keeper: &keeper) {
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
                keeper.attempt { try history.save() }
                let outcome = await interrupts.run { await engine.evaluate(text) }
                switch outcome {
                case .succeeded, .exit: history.finishLast(.succeeded)
                case .failed: history.finishLast(.failed)
                case .interrupted: history.finishLast(.interrupted)
                }
                // `profile` or `endpoint` may have brought other credentials: history must not keep those either.
                history.policy.knownSecrets = configuredSecrets.union(
                    await engine.secrets().filter { $0.count >= HistoryPolicy.minimumSecretLength }
                )
                if case .exit(let code) = outcome {
                    keeper.attempt { try history.save() }
                    return code
                }
                let request = catalog.nextRequest()
                Task { await catalog.set(engine.completionCatalog(), request: request) }
            }
        }
    }

    /// `edit` or `\e` alone on a line.
    static func isEditCommand(_ line: String) -> Bool {
        let word = line.trimmed(.whitespace)
        return word == "\\e" || word.lowercased() == "edit"
    }

    /// The input the user wrote in the editor, shown as it will run; `nil` (said why) when there is nothing to run.
    private func editedInput(_ initial: String) async -> String? {
        guard let edit else {
            write("csbs: no editor here (edit works on a terminal)\n")
            return nil
        }
        do {
            var text = try await edit(initial.isEmpty ? "" : initial + "\n")
            while text.hasSuffix("\n") { text.removeLast() }
            guard !text.trimmed().isEmpty else {
                write("csbs: the edited input is empty; nothing was run\n")
                return nil
            }
            write(text + "\n")
            return text
        } catch {
            write("csbs: \(error)\n")
            return nil
        }
    }

    /// Handles the shell's own commands: `exit`/`quit [STATUS]`, `help [TOPIC…]`, `history [N]`,
    /// `history save FILE`. Words may be quoted; `~/` in a path is the home directory.
    /// - Returns: `nil` when `line` is not one; `.some(nil)` when handled; `.some(code)` to leave.
    private func shellCommand(_ line: String, history: inout History, keeper: inout HistoryKeeper) async -> Int32?? {
        guard let words = Self.words(of: line), let first = words.first else { return nil }
        let arguments = Array(words.dropFirst())
        switch first.lowercased() {
        case "exit" where arguments.isEmpty, "\\q" where arguments.isEmpty:
            keeper.attempt { try history.save() }
            return .some(0)
        case "quit":
            guard let status = arguments.isEmpty ? 0 : arguments.count == 1 ? Int32(arguments[0]) : nil,
                (0...255).contains(status)
            else {
                write("usage: quit [STATUS], with STATUS from 0 to 255\n")
                return .some(nil)
            }
            keeper.attempt { try history.save() }
            return .some(status)
        case "help":
            write(await engine.help(topic: arguments.isEmpty ? nil : arguments.joined(separator: " ")))
            return .some(nil)
        case "history":
            return .some(historyCommand(arguments, history: history))
        default:
            guard let text = await engine.command(words) else { return nil }
            write(text)
            return .some(nil)
        }
    }

    private func historyCommand(_ arguments: [String], history: History) -> Int32? {
        let listsEntries = arguments.isEmpty || (arguments.count == 1 && Int(arguments[0]) != nil)
        switch arguments.first {
        case _ where listsEntries:
            let all = history.entries
            let count = arguments.first.flatMap { Int($0) }.map { max(0, $0) } ?? all.count
            let shown = all.suffix(count)
            let width = String(all.count).count
            for (index, entry) in zip(shown.indices, shown) {
                let number = String(index + 1)
                let padding = String(repeating: " ", count: width - number.count)
                write(padding + number + "  " + entry.replacingNewlines + "\n")
            }
        case "save" where arguments.count == 2:
            let path = expandingHome(arguments[1])
            do {
                try HistoryFile(path: path).write(history.sessionScript())
                let count = history.sessionInputs.count
                write("saved \(count) input(s) of this session to \(path)\n")
            } catch {
                write("csbs: cannot write \(error)\n")
            }
        case "save":
            write("usage: history save FILE — writes this session's inputs as a script that runs again\n")
        default:
            write("usage: history [N] | history save FILE\n")
        }
        return nil
    }

    private func expandingHome(_ path: String) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// The words of a shell command, with double or single quotes grouping (and backslash escaping inside
    /// double quotes); `nil` when a quote is left open (then it is not a shell command).
    static func words(of line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "\"", "'":
                inWord = true
                var closed = false
                while let inner = iterator.next() {
                    if inner == character {
                        closed = true
                        break
                    }
                    if character == "\"", inner == "\\", let escaped = iterator.next() {
                        current.append(escaped)
                    } else {
                        current.append(inner)
                    }
                }
                guard closed else { return nil }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

/// Says once, with the path, when history cannot be read or saved; the session goes on with history in memory.
private struct HistoryKeeper {
    let write: @Sendable (String) -> Void
    private var reported = false

    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    mutating func attempt(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            guard !reported else { return }
            reported = true
            write("csbs: history is kept in memory only: \(error)\n")
        }
    }
}

/// The latest completion snapshot, read synchronously by the completion callback.
final class CatalogBox: Sendable {
    /// The catalog in use, the request whose full snapshot it is (0: none has arrived, it is the initial one), and
    /// the last request numbered.
    private let state = Mutex((catalog: CompletionCatalog(), madeBy: 0, lastRequest: 0))
    private let firstValue = DispatchSemaphore(value: 0)
    private let initialValue = DispatchSemaphore(value: 0)

    /// How long a Tab waits for the initial catalog, which is local work and comes in milliseconds.
    static let initialWait = 5.0

    var value: CompletionCatalog { state.withLock { $0.catalog } }

    /// What completion offers until the first full snapshot arrives (unless one already has).
    func setInitial(_ catalog: CompletionCatalog) {
        state.withLock { state in
            if state.madeBy == 0 { state.catalog = catalog }
        }
        initialValue.signal()
    }

    /// The snapshot, once the initial catalog is there (or a full snapshot came first), waiting up to `seconds`
    /// for the first full one to arrive.
    func waitForFirstValue(seconds: Double) -> CompletionCatalog {
        if state.withLock({ $0.madeBy == 0 }), initialValue.wait(timeout: .now() + Self.initialWait) == .success {
            initialValue.signal()
        }
        if state.withLock({ $0.madeBy == 0 }), firstValue.wait(timeout: .now() + seconds) == .success {
            firstValue.signal()
        }
        return value
    }

    /// Numbers a snapshot about to be asked for: snapshots are asked for in the order of the inputs.
    func nextRequest() -> Int {
        state.withLock { state in
            state.lastRequest += 1
            return state.lastRequest
        }
    }

    /// Uses the snapshot of `request` unless one asked for later is in use already. The first snapshot, a listing
    /// of the backend, may come after the one asked for after a `let`: it must not take that `let`'s variable
    /// away from completion again.
    func set(_ catalog: CompletionCatalog, request: Int) {
        let first = state.withLock { state in
            let first = state.madeBy == 0
            if request > state.madeBy { (state.catalog, state.madeBy) = (catalog, request) }
            return first
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
}
