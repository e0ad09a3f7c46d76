import CSBSPlatform

/// Splits script text into tokens. It never throws and never stops early: anything it cannot read becomes an
/// `.invalid` token carrying a diagnostic, and the last token is always `.endOfFile`.
///
/// Trivia (spaces, tabs, `#` comments, a `#!` shebang line, `\` line continuations and a byte order mark at the
/// start) produce no tokens. As in
/// shells, `#` starts a comment only at the start of a word: inside a word (after a word character) it is part of
/// the word (`run#5`, `abc#def`).
public struct Lexer: Sendable {
    let bytes: [UInt8]
    var position = 0
    /// The 0-based UTF-8 offset where lexing stops; the end of the text unless lexing a `${…}` part.
    let end: Int

    /// Creates a lexer positioned at the start of `text`.
    public init(_ text: String) {
        bytes = Array(text.utf8)
        end = bytes.count
    }

    /// Creates a lexer over `bytes[start..<end]`; token ranges stay offsets into the whole text.
    ///
    /// - Parameters:
    ///   - bytes: The whole text as UTF-8.
    ///   - start: The 0-based offset to start at.
    ///   - end: The 0-based offset to stop at; clamped to the text.
    public init(bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.end = min(max(end, 0), bytes.count)
        self.position = min(max(start, 0), self.end)
    }

    /// All tokens of `bytes[start..<end]`, ending with one `.endOfFile` token at `end`.
    public static func tokenize(bytes: [UInt8], from start: Int, to end: Int) -> [Token] {
        var lexer = Lexer(bytes: bytes, from: start, to: end)
        return lexer.tokenizeRest()
    }

    /// All tokens of `text`, ending with one `.endOfFile` token.
    public static func tokenize(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        return lexer.tokenizeRest()
    }

    /// The tokens from the current position to the end, ending with `.endOfFile`.
    ///
    /// The array is sized up front from the text's length (scripts average well under one token per four
    /// bytes), so a long script is not copied over and over as the array grows.
    private mutating func tokenizeRest() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity((end - position) / 4 + 2)
        while true {
            let token = next()
            tokens.append(token)
            if case .endOfFile = token.kind { return tokens }
        }
    }

    /// The next token; `.endOfFile` once the text is used up, and again on every later call.
    public mutating func next() -> Token {
        skipTrivia()
        let start = position
        guard let byte = peek() else {
            return Token(.endOfFile, range: .empty(at: start))
        }
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            consumeLineBreak()
            return Token(.newline, range: SourceRange(start, position))
        case UInt8(ascii: ";"):
            position += 1
            return Token(.semicolon, range: SourceRange(start, position))
        case UInt8(ascii: "\""):
            return lexString()
        case UInt8(ascii: "$"):
            return lexVariable()
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "?"):
            return lexPunctuation()
        case UInt8(ascii: "\\"):
            position += 1
            let range = SourceRange(start, position)
            return Token(.invalid, range: range, diagnostics: [
                Diagnostic(StaticLexerMessage.misplacedLineContinuation, range: range)
            ])
        case UInt8(ascii: ".") where peek(1) == UInt8(ascii: "."):
            // `..` of a range, `1..30`; it also ends the word before it (see `lexWordOrNumber`).
            position += 2
            return Token(.punctuation(.dotDot), range: SourceRange(start, position))
        case _ where Self.isWordByte(byte) || byte == UInt8(ascii: "#"):
            // A `#` here is not at the start of a word (that is a comment, skipped above).
            return lexWordOrNumber()
        default:
            return lexInvalidRun()
        }
    }

    // MARK: Trivia

    /// Skips blanks, comments and line continuations, stopping before anything that makes a token.
    private mutating func skipTrivia() {
        // A UTF-8 byte order mark, which some editors write at the start of a file, is not text.
        if position == 0, end >= Self.byteOrderMark.count, bytes.starts(with: Self.byteOrderMark) { position = Self.byteOrderMark.count }
        while let byte = peek() {
            if Self.isBlank(byte) {
                position += 1
            } else if byte == UInt8(ascii: "#"), startsWord {
                skipComment()
            } else if byte == UInt8(ascii: "\\"), let end = lineContinuationEnd() {
                position = end
            } else {
                return
            }
        }
    }

    /// Whether the current position starts a word: it does not follow a word character (`[A-Za-z0-9_.:-#]`).
    /// Only there does `#` start a comment.
    private var startsWord: Bool {
        guard position > 0 else { return true }
        let before = bytes[position - 1]
        return !(Self.isWordByte(before) || before == UInt8(ascii: "#"))
    }

    /// Skips a `#` comment up to, not including, the line break.
    private mutating func skipComment() {
        while let byte = peek(), !Self.isLineBreak(byte) {
            position += 1
        }
    }

    /// If a `\` at the current position is followed only by blanks or a comment up to the end of its line,
    /// the offset just past that line's break (or the end of the text); otherwise `nil`.
    private func lineContinuationEnd() -> Int? {
        var lookahead = Lexer(skipping: bytes, from: position + 1)
        while let byte = lookahead.peek(), Self.isBlank(byte) {
            lookahead.position += 1
        }
        if lookahead.peek() == UInt8(ascii: "#") {
            lookahead.skipComment()
        }
        guard let byte = lookahead.peek() else { return lookahead.position }
        guard Self.isLineBreak(byte) else { return nil }
        lookahead.consumeLineBreak()
        return lookahead.position
    }

    private init(skipping bytes: [UInt8], from position: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.position = position
    }

    // MARK: Invalid text

    /// Reads a run of characters no token can start with into one `.invalid` token.
    private mutating func lexInvalidRun() -> Token {
        let start = position
        position += 1
        while let byte = peek(), !Self.endsInvalidRun(byte) {
            position += 1
        }
        let range = SourceRange(start, position)
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(.invalid, range: range, diagnostics: [Diagnostic(UnexpectedCharacter(text: text), range: range)])
    }

    // MARK: Helpers

    /// The UTF-8 byte order mark, U+FEFF.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < end ? bytes[position + ahead] : nil
    }

    /// Consumes `\n`, `\r\n` or `\r`.
    mutating func consumeLineBreak() {
        if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
            position += 2
        } else {
            position += 1
        }
    }

    static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Space, tab, vertical tab or form feed.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B || byte == 0x0C
    }

    /// `[A-Za-z0-9_.:-]`.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"),
            UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// An ASCII digit. The lexer's own test, not `DecimalDigits.isDigit` (the same one line): through the other
    /// module the word scan of `lexWordOrNumber` measured 3–4 % more CPU in `csbs check` (paired runs, 2026-12-08).
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func endsInvalidRun(_ byte: UInt8) -> Bool {
        isBlank(byte) || isLineBreak(byte) || isWordByte(byte) || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "$") || "{}()[],=!<>+*/%?".utf8.contains(byte)
    }
}
