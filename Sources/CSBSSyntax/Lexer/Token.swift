/// One token of script text, with the diagnostics the lexer found while reading it.
public struct Token: Sendable {
    /// What kind of token this is, with its decoded value.
    public enum Kind: Sendable, Hashable {
        /// A bare word: a keyword, a name or an ID such as a UUID.
        case word(String)
        /// A double-quoted string with its escapes decoded and no interpolation in it.
        case string(String)
        /// A double-quoted string with at least one interpolation: `${…}`, `$name`, `$name.field` or `$1`.
        case interpolatedString([StringPart])
        /// `$name` or `$1`: a variable reference, without the `$`.
        case variable(String)
        /// A whole number in decimal.
        case integer(Int)
        /// A number with a unit: `250ms`, `30s`, `5m`, `2h`, `1d`.
        case duration(Duration)
        /// Brackets, commas, comparison and arithmetic operators, `??` and `..`.
        case punctuation(Punctuation)
        /// `;`, ending a statement.
        case semicolon
        /// A line break (`\n`, `\r\n` or `\r`), ending a statement.
        case newline
        /// The end of the text; always the last token.
        case endOfFile
        /// Text no token can start with, or a number too large to represent. Always carries a diagnostic.
        case invalid
    }

    /// The kind and value.
    public let kind: Kind
    /// The 0-based UTF-8 range of the token's text.
    public let range: SourceRange
    /// Problems found while reading the token; an `.invalid` token always has at least one.
    public let diagnostics: [Diagnostic]

    /// Creates a token.
    ///
    /// - Parameters:
    ///   - kind: The kind and value.
    ///   - range: The 0-based UTF-8 range of the token's text.
    ///   - diagnostics: Problems found while reading it.
    public init(_ kind: Kind, range: SourceRange, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.range = range
        self.diagnostics = diagnostics
    }

    /// Whether the token ends a statement: `;`, a line break or the end of the text.
    public var isStatementEnd: Bool {
        switch kind {
        case .semicolon, .newline, .endOfFile: true
        default: false
        }
    }

    /// The bare word's text, or `nil` for any other kind.
    public var word: String? {
        if case .word(let text) = kind { text } else { nil }
    }
}

/// One piece of an interpolated string: literal text, or the 0-based UTF-8 range of the code inside `${…}` (or of
/// a whole `$name.field` or `$1`, `$` included).
public enum StringPart: Sendable, Hashable {
    /// Text with escapes decoded.
    case literal(String)
    /// The source range of the expression between `${` and `}`, or of `$name.field` / `$1` itself.
    case code(SourceRange)
}

/// Brackets, separators and operators.
public enum Punctuation: String, Sendable, Hashable, CaseIterable {
    case leftBrace = "{"
    case rightBrace = "}"
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case comma = ","
    case assign = "="
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    /// `..` between the bounds of an integer range, `1..30`.
    case dotDot = ".."
    /// The arithmetic operators; `-` is a word (it is part of names such as `web-01`), read as minus between
    /// two operands.
    case plus = "+"
    case star = "*"
    case slash = "/"
    case percent = "%"
    /// `??`, the default for a null value.
    case questionQuestion = "??"

    /// The binary operator written the same way, if any (`==`, `+`, `??`…).
    public var binaryOperator: BinaryOperator? {
        Self.binaryOperators[self]
    }

    /// The operators by their punctuation, from the two raw values; a look-up here costs a tenth of matching the
    /// text (`BinaryOperator(rawValue:)`, 1 % of `csbs check` when each comparison's token went through it).
    private static let binaryOperators: [Punctuation: BinaryOperator] = Dictionary(
        uniqueKeysWithValues: allCases.compactMap { punctuation in BinaryOperator(rawValue: punctuation.rawValue).map { (punctuation, $0) } }
    )
}
