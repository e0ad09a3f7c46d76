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
    /// Whether the last kept token is a line break (see ``fill(through:)``).
    private var endsInLineBreak = false

    /// A stream that lexes `bytes` from offset `start` as the parser moves on.
    init(lexing bytes: [UInt8], from start: Int = 0) {
        lexer = Lexer(bytes: bytes, from: start, to: bytes.count)
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
        buffer[position(of: index)]
    }

    // The tests of one token below read it where it is kept: going through ``subscript(_:)`` copied the token,
    // counting references to its text and diagnostics, for every question the grammar asks (with the copies of
    // `fill` and `advance`, 13 % of `csbs check` on a long runbook).

    /// Whether the token at `index` is `.endOfFile`.
    func isEndOfFile(at index: Int) -> Bool {
        if case .endOfFile = buffer[position(of: index)].kind { true } else { false }
    }

    /// Whether the token at `index` is a line break.
    func isLineBreak(at index: Int) -> Bool {
        if case .newline = buffer[position(of: index)].kind { true } else { false }
    }

    /// Whether the token at `index` ends a statement: `;`, a line break or the end of the text (``Token/isStatementEnd``).
    func isStatementEnd(at index: Int) -> Bool {
        buffer[position(of: index)].isStatementEnd
    }

    /// Whether the token at `index` is the bare word `keyword`.
    func isWord(_ keyword: String, at index: Int) -> Bool {
        if case .word(let word) = buffer[position(of: index)].kind { word == keyword } else { false }
    }

    /// Whether the token at `index` is `punctuation`.
    func isPunctuation(_ punctuation: Punctuation, at index: Int) -> Bool {
        if case .punctuation(let found) = buffer[position(of: index)].kind { found == punctuation } else { false }
    }

    /// The source range of the token at `index`.
    func range(at index: Int) -> SourceRange {
        buffer[position(of: index)].range
    }

    /// Where the token at absolute `index` is kept in ``buffer`` (see ``subscript(_:)``).
    private func position(of index: Int) -> Int {
        min(max(index - base, 0), buffer.count - 1)
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
            // Told apart before the token moves into the buffer, so that it is not copied.
            var isEnd = false
            switch token.kind {
            case .newline: endsInLineBreak = true
            case .endOfFile: (endsInLineBreak, isEnd) = (false, true)
            default: endsInLineBreak = false
            }
            buffer.append(token)
            if isEnd {
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
        endsInLineBreak = false
        buffer.append(Token(.endOfFile, range: .empty(at: rest.end)))
    }

    private mutating func keep(_ diagnostics: [Diagnostic]) {
        lexerDiagnosticTotal += diagnostics.count
        if lexerDiagnostics.count < DiagnosticLimit.perFile { lexerDiagnostics += diagnostics }
    }

    /// Forgets the tokens before absolute index `index` (in batches, so this stays cheap to call often).
    mutating func discard(before index: Int) {
        let count = index - base
        guard count >= 256, count < buffer.count else { return }
        buffer.removeFirst(count)
        base = index
    }
}
