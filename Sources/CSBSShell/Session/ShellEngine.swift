/// Whether typed text is ready to run.
public enum InputCompleteness: Sendable, Equatable {
    /// Whole statements (possibly with errors the engine will report).
    case complete
    /// An open block, string or trailing operator: the shell asks for another line.
    case incomplete
}

/// How running one input ended.
public enum EvaluationOutcome: Sendable, Equatable {
    case succeeded
    /// The engine already printed the diagnostics; the session goes on with its state.
    case failed
    /// Ctrl-C cancelled it (the engine says what keeps running in the cloud).
    case interrupted
    /// The input asked to leave the shell with this status (`exit N`).
    case exit(Int32)
}

/// What the shell needs from the language: an evaluator that keeps its state between inputs. The shell
/// owns the terminal, history and completion; the engine owns the language and the backend.
public protocol ShellEngine: Sendable {
    /// Whether `text` is complete or needs more lines.
    func completeness(of text: String) async -> InputCompleteness
    /// Runs `text`, printing results and diagnostics; cancellation means Ctrl-C.
    func evaluate(_ text: String) async -> EvaluationOutcome
    /// The primary prompt, showing the context (profile or emulator, region, selected vault).
    func prompt() async -> String
    /// A fresh completion snapshot; may ask the backend (the shell calls it between inputs, not per Tab).
    func completionCatalog() async -> CompletionCatalog
    /// What completion can offer at once, without the backend (statements, keywords, local names): used until
    /// the first ``completionCatalog()`` arrives. Synchronous and local: the shell makes it on a thread of its own
    /// beside the first prompt.
    func immediateCatalog() -> CompletionCatalog
    /// `help` (nil) or `help TOPIC`.
    func help(topic: String?) async -> String
    /// The secret values of the connection in use (password, secret key, token), which history must never
    /// keep. The shell asks again after every input, since `profile` or `endpoint` may have changed them.
    func secrets() async -> Set<String>
    /// A command of the engine's own that is not part of the language (a session view, a display setting), given
    /// as the words of the input; `nil` when the first word names none, so the input runs as the language.
    /// - Returns: What to print.
    func command(_ words: [String]) async -> String?
}

extension ShellEngine {
    /// An engine without credentials of its own (tests, a backend that needs none) has no secrets to add.
    public func secrets() async -> Set<String> { [] }

    /// An engine that offers nothing before its first snapshot.
    public func immediateCatalog() -> CompletionCatalog { CompletionCatalog() }

    /// An engine without commands of its own leaves every input to the language.
    public func command(_ words: [String]) async -> String? { nil }
}
