/// A value written in a script. Every case carries the 0-based UTF-8 range of its source text.
public indirect enum Expr: Sendable, Hashable {
    /// A double-quoted string, escapes already decoded.
    case string(String, SourceRange)
    /// A whole number.
    case integer(Int, SourceRange)
    /// A number with a unit: `250ms`, `30s`, `5m`, `2h`, `1d`.
    case duration(Duration, SourceRange)
    /// A bare word, such as a name or a UUID.
    case word(String, SourceRange)

    /// The 0-based UTF-8 range of the expression's source text.
    public var range: SourceRange {
        switch self {
        case .string(_, let range), .integer(_, let range), .duration(_, let range), .word(_, let range):
            range
        }
    }
}
