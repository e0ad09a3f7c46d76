import CSBSPlatform

extension Lexer {
    // MARK: Words and numbers

    /// Reads a maximal run of word bytes (and `#`, which inside a word is text) up to a `..`, and classifies it as
    /// an integer, a duration or a bare word: `1..30` is `1`, `..`, `30`.
    mutating func lexWordOrNumber() -> Token {
        let start = position
        while position < end {
            let byte = bytes[position]
            guard Self.isWordByte(byte) || byte == UInt8(ascii: "#") else { break }
            if byte == UInt8(ascii: "."), position + 1 < end, bytes[position + 1] == UInt8(ascii: ".") { break }
            position += 1
        }
        let range = SourceRange(start, position)
        let text = bytes[start..<position]
        // Most words start with no digit: no number to read.
        guard Self.isDigit(bytes[start]) else {
            return Token(.word(Self.commonWords.entry(text)?.text ?? String(decoding: text, as: UTF8.self)), range: range)
        }
        let kind: Token.Kind
        if text.allSatisfy(Self.isDigit) {
            guard let value = DecimalDigits.value(text) else { return Self.tooLarge(text, range: range) }
            kind = .integer(value)
        } else {
            switch DurationLiteral.value(of: text) {
            case .duration(let duration): kind = .duration(duration)
            case .tooLarge: return Self.tooLarge(text, range: range)
            case .notADuration: kind = .word(String(decoding: text, as: UTF8.self))
            }
        }
        return Token(kind, range: range)
    }

    /// An `.invalid` token for a number or duration whose value does not fit.
    private static func tooLarge(_ text: ArraySlice<UInt8>, range: SourceRange) -> Token {
        let overflow = IntegerOverflow(literal: String(decoding: text, as: UTF8.self))
        return Token(.invalid, range: range, diagnostics: [Diagnostic(overflow, range: range)])
    }

    /// The words scripts use most, whose text is taken from here instead of made (and validated) again for each
    /// occurrence: about 2 % of `csbs check` on the 100,000-line runbook. Any word may be missing; this only saves
    /// work.
    static let commonWords = WordTable(
        (StatementKeyword.allCases.map(\.rawValue) + [
            "and", "app", "at", "catch", "crash", "day", "description", "disk", "else", "error", "every", "false", "force",
            "full", "in", "incremental", "keep", "limit", "name", "not", "null", "or", "parallel", "power-on", "retain",
            "server", "since", "size", "status", "tag", "timeout", "to", "true", "type", "update",
        ]).map { ($0, ()) }
    )

    // MARK: Variables and punctuation

    /// Reads `$name` (a letter or `_`, then letters, digits and `_`) or `$N` (digits). Anything else after the
    /// `$` gives `lex.expectedVariableName`, and `${` (an interpolation written outside a string) gives
    /// `lex.interpolationOutsideString`.
    mutating func lexVariable() -> Token {
        let start = position
        position += 1
        let nameStart = position
        if let first = peek(), Self.isDigit(first) {
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
        } else if let first = peek(), Self.isIdentifierStart(first) {
            while let byte = peek(), Self.isIdentifierStart(byte) || Self.isDigit(byte) { position += 1 }
        } else if peek() == UInt8(ascii: "{") {
            // `${x}` outside a string, as a shell allows: one invalid token up to its `}` on the line (or the `${`
            // alone), so the brace is not read as the end of a block as well.
            position = endOfInterpolation(from: position + 1, nesting: 0) ?? position + 1
            let range = SourceRange(start, position)
            return Token(.invalid, range: range, diagnostics: [
                Diagnostic(StaticLexerMessage.interpolationOutsideString, range: range)
            ])
        } else {
            let range = SourceRange(start, position)
            return Token(.invalid, range: range, diagnostics: [
                Diagnostic(StaticLexerMessage.expectedVariableName, range: range)
            ])
        }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        return Token(.variable(name), range: SourceRange(start, position))
    }

    /// Reads one of `{ } ( ) [ ] , = == != < <= > >= + * / % ??`. A lone `!` or `?` is `lex.unexpectedCharacter`.
    mutating func lexPunctuation() -> Token {
        let start = position
        let first = bytes[position]
        position += 1
        let followedByEqual = peek() == UInt8(ascii: "=")
        let punctuation: Punctuation?
        switch first {
        case UInt8(ascii: "{"): punctuation = .leftBrace
        case UInt8(ascii: "}"): punctuation = .rightBrace
        case UInt8(ascii: "("): punctuation = .leftParen
        case UInt8(ascii: ")"): punctuation = .rightParen
        case UInt8(ascii: "["): punctuation = .leftBracket
        case UInt8(ascii: "]"): punctuation = .rightBracket
        case UInt8(ascii: ","): punctuation = .comma
        case UInt8(ascii: "="): punctuation = followedByEqual ? .equal : .assign
        case UInt8(ascii: "!"): punctuation = followedByEqual ? .notEqual : nil
        case UInt8(ascii: "<"): punctuation = followedByEqual ? .lessEqual : .less
        case UInt8(ascii: ">"): punctuation = followedByEqual ? .greaterEqual : .greater
        case UInt8(ascii: "+"): punctuation = .plus
        case UInt8(ascii: "*"): punctuation = .star
        case UInt8(ascii: "/"): punctuation = .slash
        case UInt8(ascii: "%"): punctuation = .percent
        case UInt8(ascii: "?") where peek() == UInt8(ascii: "?"):
            position += 1
            punctuation = .questionQuestion
        default: punctuation = nil
        }
        if followedByEqual, "=!<>".utf8.contains(first) {
            position += 1
        }
        let range = SourceRange(start, position)
        guard let punctuation else {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            return Token(.invalid, range: range, diagnostics: [Diagnostic(UnexpectedCharacter(text: text), range: range)])
        }
        return Token(.punctuation(punctuation), range: range)
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        default: false
        }
    }

    // MARK: Strings

    /// Reads a `"…"` string, decoding escapes. A string ends at its closing quote; a line break or the end of
    /// the text before it gives `lex.unterminatedString` at the opening quote, and the token keeps what was read.
    /// `${…}`, `$name`, `$name.field…` and `$1` mark interpolations: the token becomes `.interpolatedString` with
    /// the code's range. A `$` followed by anything else is literal text, as in shells; `\$` is always literal.
    mutating func lexString() -> Token {
        if let plain = lexPlainString() { return plain }
        let start = position
        position += 1
        var decoded: [UInt8] = []
        decoded.reserveCapacity(64)
        var parts: [StringPart] = []
        var diagnostics: [Diagnostic] = []
        while true {
            guard let byte = peek(), !Self.isLineBreak(byte) else {
                let quote = SourceRange(start, start + 1)
                diagnostics.append(Diagnostic(StaticLexerMessage.unterminatedString, range: quote))
                break
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape(into: &decoded, diagnostics: &diagnostics)
            } else if byte == UInt8(ascii: "$"), let next = peek(1), Self.startsInterpolation(next) {
                if parts.isEmpty { parts.reserveCapacity(4) }
                if !decoded.isEmpty {
                    parts.append(.literal(String(decoding: decoded, as: UTF8.self)))
                    decoded.removeAll(keepingCapacity: true)
                }
                if next == UInt8(ascii: "{") {
                    lexInterpolation(into: &parts, diagnostics: &diagnostics)
                } else {
                    parts.append(.code(lexShortInterpolation()))
                }
            } else {
                // Text up to the next quote, escape, `$` or line break, appended at once.
                let run = position
                position += 1
                while position < end, !Self.endsStringRun(bytes[position]) { position += 1 }
                decoded.append(contentsOf: bytes[run..<position])
            }
        }
        let kind: Token.Kind
        if parts.isEmpty {
            kind = .string(String(decoding: decoded, as: UTF8.self))
        } else {
            if !decoded.isEmpty { parts.append(.literal(String(decoding: decoded, as: UTF8.self))) }
            kind = .interpolatedString(parts)
        }
        return Token(kind, range: SourceRange(start, position), diagnostics: diagnostics)
    }

    /// The common case of ``lexString()`` without building a buffer: a string with no escape, no `${` and a
    /// closing quote on its line. Returns `nil`, leaving the position alone, for anything else.
    private mutating func lexPlainString() -> Token? {
        let start = position
        var index = start + 1
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return nil
            case UInt8(ascii: "$") where index + 1 < end && Self.startsInterpolation(bytes[index + 1]):
                return nil
            case UInt8(ascii: "\""):
                position = index + 1
                let text = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
                return Token(.string(text), range: SourceRange(start, position))
            default:
                index += 1
            }
        }
        return nil
    }

    /// Whether `byte` may end a run of plain text inside a string: a quote, a backslash, a `$` or a line break.
    private static func endsStringRun(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$") || isLineBreak(byte)
    }

    /// Whether a `$` followed by `byte` inside a string interpolates: `{`, a letter, `_` or a digit.
    private static func startsInterpolation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "{") || isIdentifierStart(byte) || isDigit(byte)
    }

    /// Reads `$name`, `$name.field.field` or `$1` inside a string, at a `$` followed by a letter, `_` or a digit,
    /// and returns the range of the code, `$` included, which parses as a variable with its fields. A field
    /// follows only where the `.` is followed by a letter or `_`, so `"$name."` ends a sentence; digits take no
    /// fields (`"$1.5"` is the first argument, then `.5`).
    private mutating func lexShortInterpolation() -> SourceRange {
        let start = position
        position += 1
        if let first = peek(), Self.isDigit(first) {
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
            return SourceRange(start, position)
        }
        while true {
            while let byte = peek(), Self.isIdentifierStart(byte) || Self.isDigit(byte) { position += 1 }
            guard peek() == UInt8(ascii: "."), let after = peek(1), Self.isIdentifierStart(after) else { break }
            position += 1
        }
        return SourceRange(start, position)
    }

    /// Reads `${…}` inside a string, up to the `}` that closes it: the code may hold strings (with their own escapes
    /// and `${…}`, `${x ?? "none"}`, `${join($l, ", ")}`) and brackets (`${ {a: "}"}.a }`), each passed over whole,
    /// but no line break. Without a closing `}` before the line's end it is `lex.unterminatedInterpolation` and the
    /// string goes on after the first `"`, `}` or line break of the code; an empty `${}` is `lex.emptyInterpolation`.
    private mutating func lexInterpolation(into parts: inout [StringPart], diagnostics: inout [Diagnostic]) {
        let start = position
        position += 2
        let codeStart = position
        if let after = endOfInterpolation(from: codeStart, nesting: 0) {
            position = after - 1
        } else {
            // Unbalanced: the code ends at its first `}` (its parse says what is wrong), else at the `"` or line
            // break that ends the string.
            while let byte = peek(), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "\""), !Self.isLineBreak(byte) {
                position += 1
            }
            guard peek() == UInt8(ascii: "}") else {
                diagnostics.append(Diagnostic(StaticLexerMessage.unterminatedInterpolation, range: SourceRange(start, codeStart)))
                return
            }
        }
        let code = SourceRange(codeStart, position)
        position += 1
        if bytes[code.lowerBound..<code.upperBound].allSatisfy(Self.isBlank) {
            diagnostics.append(Diagnostic(StaticLexerMessage.emptyInterpolation, range: SourceRange(start, position)))
            return
        }
        parts.append(.code(code))
    }

    /// How many strings inside `${…}` inside strings may nest (`"${"${"${…}"}"}"`): deeper is an unterminated
    /// interpolation, so that scanning hostile text never recurses without bound.
    public static let maximumStringNesting = 32

    /// Just past the `}` closing the `${…}` whose code starts at `offset`, passing over each string in it
    /// (``endOfString(from:nesting:)``) and each `{ … }`; `nil` when a line break or the end of the text comes first.
    private func endOfInterpolation(from offset: Int, nesting: Int) -> Int? {
        var index = offset
        var braces = 0
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return nil
            case UInt8(ascii: "\""):
                guard nesting < Self.maximumStringNesting, let after = endOfString(from: index + 1, nesting: nesting + 1)
                else { return nil }
                index = after
                continue
            case UInt8(ascii: "{"):
                braces += 1
            case UInt8(ascii: "}"):
                if braces == 0 { return index + 1 }
                braces -= 1
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Just past the `"` closing the string whose text starts at `offset` (inside a `${…}`), passing over its
    /// escapes and its own `${…}`; `nil` when a line break or the end of the text comes first.
    private func endOfString(from offset: Int, nesting: Int) -> Int? {
        var index = offset
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return nil
            case UInt8(ascii: "\\"):
                guard index + 1 < end, !Self.isLineBreak(bytes[index + 1]) else { return nil }
                index += 2
            case UInt8(ascii: "\""):
                return index + 1
            case UInt8(ascii: "$") where index + 1 < end && bytes[index + 1] == UInt8(ascii: "{"):
                guard let after = endOfInterpolation(from: index + 2, nesting: nesting) else { return nil }
                index = after
            default:
                index += 1
            }
        }
        return nil
    }

    /// Reads one escape starting at a backslash. A backslash just before a line break or the end of the text
    /// is left alone, so the string reports itself as unterminated.
    private mutating func lexEscape(into decoded: inout [UInt8], diagnostics: inout [Diagnostic]) {
        let start = position
        guard let escaped = peek(1), !Self.isLineBreak(escaped) else {
            position += 1
            return
        }
        position += 2
        switch escaped {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "$"):
            decoded.append(escaped)
        case UInt8(ascii: "n"):
            decoded.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"):
            decoded.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "r"):
            decoded.append(UInt8(ascii: "\r"))
        case UInt8(ascii: "u"):
            switch lexUnicodeScalarBody() {
            case .scalar(let scalar):
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
            case .notAScalar:
                decoded.append(contentsOf: bytes[(start + 1)..<position])
                let sequence = String(decoding: bytes[start..<position], as: UTF8.self)
                diagnostics.append(
                    Diagnostic(InvalidEscape(sequence: sequence, notAScalar: true), range: SourceRange(start, position))
                )
            case .malformed:
                invalidEscape(from: start, into: &decoded, diagnostics: &diagnostics)
            }
        default:
            invalidEscape(from: start, into: &decoded, diagnostics: &diagnostics)
        }
    }

    /// Reports the escape from the backslash at `start` to the current position, keeping a whole UTF-8 character
    /// after the backslash so the message quotes it intact.
    private mutating func invalidEscape(from start: Int, into decoded: inout [UInt8], diagnostics: inout [Diagnostic]) {
        while let byte = peek(), byte & 0xC0 == 0x80 {
            position += 1
        }
        decoded.append(contentsOf: bytes[(start + 1)..<position])
        let sequence = String(decoding: bytes[start..<position], as: UTF8.self)
        diagnostics.append(Diagnostic(InvalidEscape(sequence: sequence), range: SourceRange(start, position)))
    }

    /// What `\u` is followed by.
    private enum UnicodeEscapeBody {
        /// `{XXXX}` naming a Unicode scalar.
        case scalar(Unicode.Scalar)
        /// `{XXXX}` with 1 to 8 hex digits whose value is past U+10FFFF or a surrogate.
        case notAScalar
        /// Anything else.
        case malformed
    }

    /// Reads `{XXXX}` after `\u`: 1 to 8 hex digits naming a Unicode scalar. On failure the position is past
    /// whatever of `{`, hex digits and `}` was there.
    private mutating func lexUnicodeScalarBody() -> UnicodeEscapeBody {
        guard peek() == UInt8(ascii: "{") else { return .malformed }
        position += 1
        var value: UInt32 = 0
        var digitCount = 0
        while let byte = peek(), let digit = Self.hexValue(byte) {
            position += 1
            digitCount += 1
            if digitCount <= 8 { value = value << 4 | digit }
        }
        guard peek() == UInt8(ascii: "}") else { return .malformed }
        position += 1
        guard (1...8).contains(digitCount) else { return .malformed }
        return Unicode.Scalar(value).map(UnicodeEscapeBody.scalar) ?? .notAScalar
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
