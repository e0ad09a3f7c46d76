import CSBSSyntax

/// The one rule for turning text into numbers and durations (docs/LANGUAGE.md, "Strings and numbers").
///
/// Arguments (`$1`, `$args`) and `$env.NAME` are always strings. Where a statement or an operator needs a whole
/// number or a duration, a string converts when it is *entirely* a literal of that type as a script would write it
/// (`"42"`, `"-1"`; `"30s"`, `"7d"`, `"250ms"`) — the lexer decides, so a string converts exactly when the same text
/// written in the script would be that literal. Anything else (`" 42"`, `"4 2"`, `"1e3"`, `"30"` for a duration) does
/// not convert, and the statement fails with a type mismatch that names the value.
extension Value {
    /// Longer text is never a literal of a number or a duration that fits; it is not looked at.
    private static let longestLiteral = 40

    /// This value as a whole number: an integer, or a string that is entirely an integer literal.
    public var integerConversion: Int? {
        switch self {
        case .integer(let number): number
        case .string(let text): Self.literal(text).flatMap { if case .integer(let number) = $0 { number } else { nil } }
        default: nil
        }
    }

    /// This value as a duration: a duration, or a string that is entirely a duration literal.
    public var durationConversion: Duration? {
        switch self {
        case .duration(let duration): duration
        case .string(let text): Self.literal(text).flatMap { if case .duration(let duration) = $0 { duration } else { nil } }
        default: nil
        }
    }

    /// For `==`, `!=` and the orderings: the string side of a string compared with an integer, a number or a
    /// duration, converted to the other side's type; `nil` when it does not convert (or the pair is not mixed).
    func converted(toTypeOf other: Value) -> Value? {
        guard case .string = self else { return nil }
        switch other {
        case .integer, .number: return integerConversion.map(Value.integer)
        case .duration: return durationConversion.map(Value.duration)
        default: return nil
        }
    }

    /// The integer or duration literal `text` is, entirely; `nil` for anything else.
    private static func literal(_ text: String) -> Value? {
        let length = text.utf8.count
        guard length > 0, length <= longestLiteral else { return nil }
        let tokens = Lexer.tokenize(text)
        guard tokens.count == 2, let token = tokens.first, token.diagnostics.isEmpty,
            token.range == SourceRange(0, length)
        else { return nil }
        switch token.kind {
        case .integer(let number): return .integer(number)
        case .duration(let duration): return .duration(duration)
        case .word(let word) where word.utf8.first == UInt8(ascii: "-") && word.utf8.count > 1:
            // A negative whole number, as the parser reads `-1`.
            guard word.utf8.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return nil
            }
            return Int(word).map(Value.integer)
        default: return nil
        }
    }
}
