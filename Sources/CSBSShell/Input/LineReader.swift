/// What one read from the terminal produced.
public enum LineEvent: Sendable, Equatable {
    /// A line the user entered (without its newline).
    case line(String)
    /// Ctrl-C at the prompt: the partly typed input is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the input ended.
    case endOfInput
}

/// Reads lines from the user. The REPL logic talks only to this protocol, so it is tested with a
/// scripted reader; ``ReadlineReader`` is the terminal implementation.
public protocol LineReader: Sendable {
    /// Shows `prompt` and waits for one line.
    func read(prompt: String) async -> LineEvent
    /// Makes `entry` reachable with the up arrow in this session.
    func remember(_ entry: String)
    /// Installs the function that completes the word at the cursor; `nil` turns completion off.
    func setCompleter(_ completer: (@Sendable (CompletionRequest) -> CompletionResult)?)
    /// Tells completion which lines of an unfinished statement came before the one about to be read.
    func setPendingLines(_ lines: [String])
}

extension LineReader {
    public func setPendingLines(_ lines: [String]) {}
}

/// The input a completion is asked for.
public struct CompletionRequest: Sendable, Equatable {
    /// Everything typed on the current line before the cursor.
    public var textBeforeCursor: String
    /// Earlier lines of an unfinished multi-line statement, if any.
    public var pendingLines: [String]

    public init(textBeforeCursor: String, pendingLines: [String] = []) {
        self.textBeforeCursor = textBeforeCursor
        self.pendingLines = pendingLines
    }
}

/// The answer to a completion request: the candidates for the word that ends at the cursor.
public struct CompletionResult: Sendable, Equatable {
    /// How many characters before the cursor the replaced word starts.
    public var wordLength: Int
    /// Full replacements for that word, sorted, without duplicates.
    public var candidates: [String]

    /// What a listing shows beside a candidate, if anything (the name of a server whose id is the candidate).
    public var descriptions: [String: String]

    public init(wordLength: Int, candidates: [String], descriptions: [String: String] = [:]) {
        self.wordLength = wordLength
        self.candidates = candidates
        self.descriptions = descriptions
    }

    /// Whether a unique candidate ends the word (the line editor adds a space): not after a directory, whose
    /// entries come next.
    public var endsWord: Bool {
        !(candidates.count == 1 && candidates[0].hasSuffix("/"))
    }

    /// No candidates.
    public static let none = CompletionResult(wordLength: 0, candidates: [])
}
