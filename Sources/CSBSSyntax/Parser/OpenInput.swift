/// Whether input stops inside something still open — a block `{`, a list `[`, a record `{` or a parenthesis — so
/// that a reader taking one line at a time (the shell) reads another line instead of reporting an error, as a file
/// would simply go on.
///
/// Brackets pair by kind: a closer that does not match the innermost open bracket makes the input finished (its
/// error is reported), so a stray `)` never leaves the shell waiting for more. Brackets inside strings and comments
/// are not tokens and do not count.
public enum OpenInput {
    /// Whether `text` ends with a bracket still open.
    public static func isOpen(_ text: String) -> Bool {
        var open: [Punctuation] = []
        for token in Lexer.tokenize(text) {
            guard case .punctuation(let mark) = token.kind else { continue }
            switch mark {
            case .leftBrace, .leftBracket, .leftParen:
                open.append(mark)
            case .rightBrace, .rightBracket, .rightParen:
                guard let innermost = open.popLast(), closer(of: innermost) == mark else { return false }
            default:
                continue
            }
        }
        return !open.isEmpty
    }

    private static func closer(of opener: Punctuation) -> Punctuation {
        switch opener {
        case .leftBrace: .rightBrace
        case .leftBracket: .rightBracket
        default: .rightParen
        }
    }
}
