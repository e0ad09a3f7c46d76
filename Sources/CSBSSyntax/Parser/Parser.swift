import CSBSPlatform

/// Turns script text into a ``Script`` and a list of diagnostics.
///
/// The parser never stops at the first error: it records a diagnostic, skips to the end of the statement
/// (`;` or a line break) and goes on, so one parse reports every bad statement. Grammar rules live in
/// `extension Parser` files, one `parseX()` per statement.
public struct Parser {
    /// The source bytes, for quoting tokens in messages.
    let bytes: [UInt8]
    /// The tokens, ending with `.endOfFile`, lexed as the parser moves on: always at least ``lookahead``
    /// tokens past the current one.
    var tokens: TokenStream
    /// The index of the current token.
    var index = 0
    /// The 0-based UTF-8 offset just past the last consumed token; where a missing token is reported.
    var previousEnd = 0
    /// Diagnostics recorded by the grammar rules (the lexer's stay on their tokens, except inside `${…}`): the
    /// first ``DiagnosticLimit/perFile``; ``diagnosticTotal`` counts them all.
    var diagnostics: [Diagnostic] = []
    /// How many diagnostics the grammar rules recorded, kept or not.
    var diagnosticTotal = 0
    /// How many blocks, brackets and operators enclose the current position; capped at ``maximumDepth``.
    var depth = 0
    /// Whether a bare name is read as a variable (`n` as `$n`, `cp.id` as `$cp.id`), as inside `${…}`
    /// (docs/LANGUAGE.md): `${n + 1}`, `${len(items)}`. Elsewhere a bare word is its text, as in a shell.
    var namesAreVariables = false
    /// The names `let`, `set` and `for` declare, whether or not their statements parse (``ParseResult/declaredNames``).
    var declaredNames: [String] = []
    /// The names `def` defines, whether or not their statements parse (``ParseResult/declaredProcedures``).
    var declaredProcedures: Set<String> = []
    /// Set once a statement hit the nesting limit, so the rest of it adds no follow-on diagnostics.
    var abandoned = false
    /// Set when giving up on a too-deep statement skipped to the end of the text, so the blocks it left open
    /// are not reported once more each.
    var skippedToEndOfFile = false

    /// How many tokens past the current one the grammar rules may read (they read one; the rest is margin).
    static let lookahead = 4

    /// The deepest nesting of blocks and expressions a script may use. Deeper input gets
    /// `parse.nestingTooDeep`, so that neither the parser nor the evaluator can exhaust the stack.
    public static let maximumDepth = 64

    /// A parser of `bytes` from offset `start`, which is 0 or the start of a line (``ParsePieces``).
    init(bytes: [UInt8], from start: Int) {
        self.bytes = bytes
        tokens = TokenStream(lexing: bytes, from: start)
        previousEnd = start
        tokens.fill(through: Self.lookahead)
    }

    /// A parser over some tokens of `bytes`, for the code inside `${…}`.
    init(bytes: [UInt8], tokens: [Token], depth: Int) {
        self.bytes = bytes
        self.tokens = TokenStream(tokens)
        self.depth = depth
    }

    /// Parses a whole file.
    ///
    /// - Parameters:
    ///   - file: The script to parse.
    ///   - threads: The threads a long file's parse may use (``ParsePieces``); the result is the same for any
    ///     number.
    /// - Returns: The statements that parsed and every lexer and parser diagnostic, ordered by position.
    public static func parse(_ file: SourceFile, threads: ParseThreads = .callingThreadOnly) -> ParseResult {
        ParsePieces.parse(file.text, threads: threads).result()
    }

    /// `script := (statement? (';' | newline))* endOfFile`
    ///
    /// A statement with any diagnostic, from the parser or from the lexer inside its tokens, is left out.
    ///
    /// - Parameter stops: Offsets where another piece's parse starts, ascending (``ParsePieces``). The parse ends
    ///   early at the first of them that is the start of a top-level statement — where a parse from that offset
    ///   alone goes on exactly as this one would — and returns it; a stop passed inside a statement is skipped.
    mutating func parseScript(stoppingAt stops: ArraySlice<Int> = []) -> (script: Script, stoppedAt: Int?) {
        var statements: [Stmt] = []
        var stops = stops
        var progress = LoopProgressCondition()
        while !tokens.isEndOfFile(at: index), progress.evaluate(index) {
            // Between top-level statements: what came before is never looked at again.
            tokens.discard(before: index - 2)
            if let stop = stops.first {
                let start = tokens.range(at: index).lowerBound
                if start == stop, previousEnd == stop { return (Script(statements: statements), stop) }
                while let passed = stops.first, passed <= start { stops = stops.dropFirst() }
            }
            if tokens.isStatementEnd(at: index) {
                advance()
                continue
            }
            if at(.rightBrace) {
                diagnose(StaticParserMessage.unexpectedClosingBrace, at: advance().range)
                continue
            }
            if let statement = parseStatementRecovering() {
                statements.append(statement)
            }
        }
        return (Script(statements: statements), nil)
    }

    /// Parses one statement and skips to its end. A statement with any diagnostic, from the parser or from the
    /// lexer inside its tokens, is returned as `nil`.
    mutating func parseStatementRecovering() -> Stmt? {
        let firstToken = index
        let diagnosticCount = diagnosticTotal
        abandoned = false
        let statement = parseStatement()
        skipToStatementEnd()
        abandoned = false
        let isClean = diagnosticTotal == diagnosticCount
            && tokens.allClean(firstToken..<index)
        return isClean ? statement : nil
    }

    // MARK: Tokens

    /// The current token.
    var current: Token { tokens[index] }

    /// Consumes the current token and returns it. Never moves past `.endOfFile`.
    ///
    /// Inlined so that a caller that drops the token (most do) never copies it.
    @discardableResult
    @inline(__always)
    mutating func advance() -> Token {
        let token = current
        moveOn()
        return token
    }

    /// Consumes the current token. Never moves past `.endOfFile`.
    private mutating func moveOn() {
        guard !tokens.isEndOfFile(at: index) else { return }
        previousEnd = tokens.range(at: index).upperBound
        index += 1
        if diagnosticTotal + tokens.lexerDiagnosticTotal > DiagnosticLimit.perFile {
            // Past the limit nothing more is shown: the rest of the text is not read.
            tokens.stopLexing()
        }
        tokens.fill(through: index + Self.lookahead)
    }

    /// Whether the current token is the bare word `keyword`.
    func at(_ keyword: String) -> Bool {
        tokens.isWord(keyword, at: index)
    }

    /// Consumes the current token if it is the bare word `keyword`.
    mutating func consume(_ keyword: String) -> Token? {
        at(keyword) ? advance() : nil
    }

    /// Whether the current token is `punctuation`.
    func at(_ punctuation: Punctuation) -> Bool {
        tokens.isPunctuation(punctuation, at: index)
    }

    /// Consumes the current token if it is `punctuation`.
    mutating func consume(_ punctuation: Punctuation) -> Token? {
        at(punctuation) ? advance() : nil
    }

    /// Whether the current token ends a statement: `;`, a line break, the end of the text, or the `}` that
    /// closes the enclosing block.
    var atStatementEnd: Bool {
        tokens.isStatementEnd(at: index) || at(.rightBrace)
    }

    /// Skips line breaks, which may appear inside brackets.
    mutating func skipNewlines() {
        while tokens.isLineBreak(at: index) { moveOn() }
    }

    /// The token's source text, as the user wrote it.
    func text(of token: Token) -> String {
        text(in: token.range)
    }

    /// The source text of `range`, as the user wrote it.
    func text(in range: SourceRange) -> String {
        String(decoding: bytes[range.lowerBound..<range.upperBound], as: UTF8.self)
    }

    // MARK: Diagnostics

    /// Records `message` at the current token, or, at the end of the statement, at the empty range just after
    /// the previous token, where the missing piece belongs.
    ///
    /// Stays silent where the lexer already explained the problem: at an `.invalid` token, and at the end of a
    /// line that an unterminated string swallowed.
    mutating func diagnoseAtCurrent(_ message: any DiagnosticMessage) {
        if current.kind == .invalid || abandoned { return }
        if current.isStatementEnd, index > 0,
            tokens[index - 1].diagnostics.contains(where: { $0.id == StaticLexerMessage.unterminatedString.id })
        {
            return
        }
        let range = current.isStatementEnd ? SourceRange.empty(at: previousEnd) : current.range
        record(Diagnostic(message, range: range))
    }

    /// Records `message` at `range`.
    mutating func diagnose(_ message: any DiagnosticMessage, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        record(Diagnostic(message, range: range, notes: notes))
    }

    /// Counts a diagnostic, keeping it while fewer than ``DiagnosticLimit/perFile`` are kept.
    mutating func record(_ diagnostic: Diagnostic) {
        diagnosticTotal += 1
        if diagnostics.count < DiagnosticLimit.perFile { diagnostics.append(diagnostic) }
    }

    // MARK: Recovery

    /// Skips to the next `;`, line break, end of the text or unmatched `}`, leaving it unconsumed. A `{ … }`
    /// met on the way is skipped whole, line breaks included, so a bad `if` line does not leave its block's
    /// lines behind as stray statements.
    mutating func skipToStatementEnd() {
        var progress = LoopProgressCondition()
        var nesting = 0
        while !tokens.isEndOfFile(at: index), progress.evaluate(index) {
            if nesting == 0, atStatementEnd { return }
            if at(.leftBrace) { nesting += 1 }
            if at(.rightBrace) { nesting -= 1 }
            moveOn()
        }
    }

    /// Records `parse.nestingTooDeep` at `range` and gives up on the rest of the statement.
    mutating func diagnoseTooDeep(at range: SourceRange, atOperator: Bool = false) {
        if !abandoned {
            diagnose(atOperator ? StaticParserMessage.tooManyOperators : StaticParserMessage.nestingTooDeep, at: range)
        }
        abandoned = true
        skipToStatementEnd()
        if tokens.isEndOfFile(at: index) { skippedToEndOfFile = true }
    }

    /// After a complete statement, reports the first extra token (suggesting `expected` keywords if one is
    /// close) and leaves recovery to the caller. An option already `given` (by where it was first written) is
    /// `parse.duplicateOption`, not a typo of another.
    ///
    /// `expected` is only computed when there is an extra token.
    mutating func expectStatementEnd(
        of statement: String, expected: @autoclosure () -> [String] = [], given: OptionUses = [:]
    ) {
        guard !atStatementEnd else { return }
        if let word = current.word, let first = given[word] {
            let note = Diagnostic.Note(FirstGivenHere(option: word), range: first)
            diagnose(DuplicateOption(option: word, statement: statement), at: current.range, notes: [note])
            return
        }
        let suggestion = current.word.flatMap { Suggestion.closest(to: $0, in: expected()) }
        diagnoseAtCurrent(UnexpectedToken(found: text(of: current), statement: statement, suggestion: suggestion))
    }
}
