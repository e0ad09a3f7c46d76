import CSBSClient
import CSBSSyntax
import FoundationEssentials

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

    /// This value as a time: a time, or a string that is entirely a timestamp as the services write them
    /// (`2026-12-06T13:22:22Z`, `2026-12-06T13:22:22.678916`, `2026-12-06 13:22:22+08:00`; no zone is UTC).
    public var timeConversion: Date? {
        switch self {
        case .time(let date): date
        case .string(let text): Self.isTimestamp(text) ? WireDate.parse(text) : nil
        default: nil
        }
    }

    /// Whether `text` has the shape of a whole timestamp: `YYYY-MM-DD`, `T` or a space, `HH:MM:SS`, an optional
    /// fraction, and an optional `Z` or `±HH:MM` (or `±HHMM`) — nothing before or after.
    private static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes.count <= longestLiteral else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < bytes.count && isDigit(bytes[$0]) } }
        guard digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7), bytes[7] == UInt8(ascii: "-"), digits(8..<10),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), digits(11..<13), bytes[13] == UInt8(ascii: ":"),
            digits(14..<16), bytes[16] == UInt8(ascii: ":"), digits(17..<19)
        else { return false }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { return false }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index == bytes.count { return true }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return false }
        let zone = Array(bytes[(index + 1)...])
        if zone.count == 5 { return zone[2] == UInt8(ascii: ":") && digits((index + 1)..<(index + 3)) && digits((index + 4)..<(index + 6)) }
        return zone.count == 4 && digits((index + 1)..<(index + 5))
    }

    /// For `==`, `!=` and the orderings: the string side of a string compared with an integer, a number or a
    /// duration, converted to the other side's type; `nil` when it does not convert (or the pair is not mixed).
    func converted(toTypeOf other: Value) -> Value? {
        guard case .string = self else { return nil }
        switch other {
        case .integer, .number: return integerConversion.map(Value.integer)
        case .duration: return durationConversion.map(Value.duration)
        case .time: return timeConversion.map(Value.time)
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
