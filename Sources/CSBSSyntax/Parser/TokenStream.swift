/// The parser's tokens, lexed ahead of the parser a few at a time and forgotten once the top-level statement
/// that used them is done, so a long script never holds all of its tokens at once.
///
/// Indices are absolute (the first token of the text is 0, the last is the `.endOfFile` token), so the grammar
/// rules index it like an array: `tokens[index]`, `tokens[index + 1]`, `tokens[index - 2]`. After
/// ``fill(through:)`` every token up to that index is kept, and so is every token of the run of line breaks
/// that may follow it together with the token after the run (so looking past blank lines always finds the next
/// real token). Reading past the end gives the `.endOfFile` token again.
struct TokenStream {
    /// Where more tokens come from; `nil` for a stream made from a finished array, or once `.endOfFile` is read.
    private var lexer: Lexer?
    /// The kept tokens; `buffer[0]` has the absolute index `base`.
    private var buffer: [Token]
    private var base = 0
    /// The diagnostics carried by the tokens lexed so far, in token order (kept when the tokens are dropped): the
    /// first ``DiagnosticLimit/perFile``; ``lexerDiagnosticTotal`` counts them all.
    private(set) var lexerDiagnostics: [Diagnostic] = []
    /// How many diagnostics the tokens lexed so far carry, kept or not.
    private(set) var lexerDiagnosticTotal = 0

    /// A stream that lexes `bytes` as the parser moves on.
    init(lexing bytes: [UInt8]) {
        lexer = Lexer(bytes: bytes, from: 0, to: bytes.count)
        buffer = []
        buffer.reserveCapacity(512)
    }

    /// A stream over tokens already lexed; the last should be `.endOfFile` (one is added to an empty array).
    init(_ tokens: [Token]) {
        buffer = tokens.isEmpty ? [Token(.endOfFile, range: .empty(at: 0))] : tokens
        for token in tokens where !token.diagnostics.isEmpty {
            keep(token.diagnostics)
        }
    }

    /// The token at an absolute index: the `.endOfFile` token for any index past the end, and the first kept
    /// token for an index already discarded (the parser never looks back past the current statement).
    subscript(_ index: Int) -> Token {
        let position = min(max(index - base, 0), buffer.count - 1)
        return buffer[position]
    }

    /// Whether every token in the absolute `range` (all kept) carries no diagnostic.
    func allClean(_ range: Range<Int>) -> Bool {
        let lower = min(max(range.lowerBound - base, 0), buffer.count)
        let upper = min(max(range.upperBound - base, lower), buffer.count)
        return buffer[lower..<upper].allSatisfy { $0.diagnostics.isEmpty }
    }

    /// Lexes until the token at absolute `index` is kept, plus any line breaks right after the kept tokens and
    /// the token that ends them, or until the text is used up.
    mutating func fill(through index: Int) {
        guard lexer != nil else { return }
        while base + buffer.count <= index || endsInLineBreak {
            guard let token = lexer?.next() else { return }
            if !token.diagnostics.isEmpty { keep(token.diagnostics) }
            buffer.append(token)
            if case .endOfFile = token.kind {
                lexer = nil
                return
            }
        }
    }

    /// Ends the stream after the tokens already kept, leaving the rest of the text unread: for a file past the
    /// diagnostic limit, whose rest is not worth the time.
    mutating func stopLexing() {
        guard let rest = lexer else { return }
        lexer = nil
        buffer.append(Token(.endOfFile, range: .empty(at: rest.end)))
    }

    private mutating func keep(_ diagnostics: [Diagnostic]) {
        lexerDiagnosticTotal += diagnostics.count
        if lexerDiagnostics.count < DiagnosticLimit.perFile { lexerDiagnostics += diagnostics }
    }

    private var endsInLineBreak: Bool {
        if case .newline = buffer.last?.kind { true } else { false }
    }

    /// Forgets the tokens before absolute index `index` (in batches, so this stays cheap to call often).
    mutating func discard(before index: Int) {
        let count = index - base
        guard count >= 256, count < buffer.count else { return }
        buffer.removeFirst(count)
        base = index
    }
}
