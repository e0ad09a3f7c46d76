/// A lexer message whose text never changes. Its ID is `lex.` plus the name of the static member.
struct StaticLexerMessage: DiagnosticMessage {
    let message: String
    let id: MessageID
    var severity: DiagnosticSeverity { .error }

    private init(_ message: String, name: String = #function) {
        self.message = message
        self.id = MessageID(domain: "lex", name: name)
    }

    // Alphabetical.

    static var emptyInterpolation: Self {
        .init("empty interpolation '${}'; put a variable inside, such as ${cp.id}")
    }

    static var expectedVariableName: Self {
        .init("expected a variable name after '$', such as $cp or $1")
    }

    static var interpolationOutsideString: Self {
        .init("'${…}' inserts a value only inside a double-quoted string: write \"${…}\", or $name for a variable")
    }

    static var invalidUTF8: Self {
        .init("the script is not valid UTF-8 text here")
    }

    static var misplacedLineContinuation: Self {
        .init("'\\' continues a statement only at the very end of a line")
    }

    static var unterminatedInterpolation: Self {
        .init("unterminated interpolation; close '${' with '}' before the end of the string")
    }

    static var unterminatedString: Self {
        .init("unterminated string; add a closing '\"' before the end of the line")
    }
}

/// Whole-file problems found before lexing: `lex.notText` and `lex.scriptTooLarge`.
enum DecodingMessage {
    static var notText: SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "lex", name: "notText"),
            message: "this is not a text script (it holds NUL bytes, or many bytes that are not UTF-8 text); "
                + "nothing of it was read"
        )
    }

    static var scriptTooLarge: SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "lex", name: "scriptTooLarge"),
            message: "the script is larger than 8 MiB (\(SourceFile.maximumBytes) bytes), the most a script may have; "
                + "nothing of it was read"
        )
    }
}

/// A number literal that does not fit: `lex.integerOverflow`.
struct IntegerOverflow: DiagnosticMessage {
    let literal: String
    var id: MessageID { MessageID(domain: "lex", name: "integerOverflow") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "number '\(literal.abbreviated())' is too large" }
}

/// A backslash escape that strings do not support: `lex.invalidEscape`.
struct InvalidEscape: DiagnosticMessage {
    /// The escape as written, starting with the backslash.
    let sequence: String
    /// Whether it is a well-formed `\u{…}` whose value is no Unicode scalar (past 10FFFF, or a surrogate).
    var notAScalar = false
    var id: MessageID { MessageID(domain: "lex", name: "invalidEscape") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        if notAScalar {
            return "'\(sequence.abbreviated())' is outside the Unicode range; "
                + "\\u{…} names a value from 0 to 10FFFF, not a surrogate (D800–DFFF)"
        }
        if sequence.hasPrefix("\\u") {
            return "invalid Unicode escape '\(sequence.abbreviated())'; write \\u{XXXX} with 1 to 8 hex digits"
        }
        return "invalid escape '\(sequence.abbreviated())'; strings allow \\\\ \\\" \\n \\t \\r \\$ and \\u{XXXX}"
    }
}

/// Characters that cannot start any token: `lex.unexpectedCharacter`.
struct UnexpectedCharacter: DiagnosticMessage {
    let text: String
    var id: MessageID { MessageID(domain: "lex", name: "unexpectedCharacter") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let noun = text.count == 1 ? "character" : "characters"
        let base = "unexpected \(noun) '\(text.abbreviated())'"
        return hint.map { base + "; " + $0 } ?? base
    }

    /// What the writer probably meant, for characters other languages use.
    var hint: String? {
        switch text.first {
        case "'", "‘", "’": "strings take double quotes: \"text\""
        case "&": "write 'and' instead of '&&'"
        case "|": "write 'or' instead of '||'"
        case "?": "there is no '?:'; write 'VALUE ?? DEFAULT' for a default, or 'if … { } else { }'"
        case "!": "write 'not' instead of '!', or '!=' to compare"
        default: nil
        }
    }
}

extension String {
    /// The string with control characters escaped and cut to `limit` characters, for quoting in a message.
    func abbreviated(limit: Int = 24) -> String {
        var result = ""
        for (index, character) in self.enumerated() {
            if index == limit {
                result += "…"
                break
            }
            result += character == "\t" ? "\\t" : character.escapedForTerminal ?? String(character)
        }
        return result
    }
}

extension Character {
    /// How a character that must not reach a terminal raw is shown in a quoted source line (``TerminalText``'s
    /// rule; a tab passes, to be expanded); `nil` for any other character.
    public var escapedForTerminal: String? {
        guard unicodeScalars.contains(where: { TerminalText.escape($0, layout: .multiline) != nil }) else { return nil }
        return unicodeScalars.map { TerminalText.escape($0, layout: .multiline) ?? String($0) }.joined()
    }
}
