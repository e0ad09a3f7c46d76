/// Text from outside (a service's names and error messages, a script's own bytes, a history file) made safe for a
/// terminal: the one sanitizer every human-readable output path uses. JSON output keeps values whole and exact.
///
/// Control characters never reach the terminal raw — an ESC, CSI or OSC sequence could set the title, clear the
/// screen or rewrite what was printed; a carriage return or line feed inside a table cell could overwrite or
/// split rows. They are shown as visible escapes in the language's own spelling: `\e`, `\r`, `\n`, `\t`,
/// `\u{7}`, `\u{9b}`. Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what
/// follows them on screen, are escaped the same way. Long values are cut, saying how much was left out.
public enum TerminalText {
    /// Which whitespace controls pass as they are.
    public enum Layout: Sendable {
        /// One line (a table cell, a name, a status line): every control character is escaped.
        case singleLine
        /// Text that may span lines (`echo`'s text, a message of several lines): `\n` and `\t` pass.
        case multiline
    }

    /// The most characters of one value a table cell shows.
    public static let cellLimit = 100
    /// The most characters of a message, line or value shown in full; the rest is cut and counted.
    public static let lineLimit = 2_000

    /// `text` with control characters escaped and cut to `limit` characters (`nil`: no cut).
    public static func escaped(_ text: String, layout: Layout = .singleLine, limit: Int? = lineLimit) -> String {
        var result = ""
        var kept = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if let limit, kept >= limit { continue }
            kept += 1
            if let escape = escape(scalar, layout: layout) {
                result += escape
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if total > kept { result += "… (\(total - kept) more characters)" }
        return result
    }

    /// The one rule: how `scalar` is shown, or `nil` when it passes as it is.
    public static func escape(_ scalar: Unicode.Scalar, layout: Layout) -> String? {
        switch scalar.value {
        case 0x0A where layout == .multiline, 0x09 where layout == .multiline: nil
        case 0x1B: "\\e"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: "\\u{" + String(scalar.value, radix: 16) + "}"
        default: nil
        }
    }

    /// Whether `text` holds anything ``escaped(_:layout:limit:)`` would change (other than by cutting).
    public static func needsEscaping(_ text: String, layout: Layout = .singleLine) -> Bool {
        text.unicodeScalars.contains { escape($0, layout: layout) != nil }
    }
}
