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
    var id: MessageID { MessageID(domain: "lex", name: "invalidEscape") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
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
        return "unexpected \(noun) '\(text.abbreviated())'"
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
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                result += character.unicodeScalars.map { $0.escaped(asASCII: false) }.joined()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
