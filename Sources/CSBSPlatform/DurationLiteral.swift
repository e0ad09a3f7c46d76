/// The text of a duration in scripts and on the command line, both ways: `30s`, `5m`, `250ms`, and several units
/// largest first, `1h30m`, `2d12h`, `1m30s500ms`. The lexer reads it (``value(of:)``) and a script value prints it
/// (``text(of:)``), so what `echo` prints is a literal the language reads back (`duration(string($d))` is `$d`);
/// duration flags and settings (`--backup-duration`, `CSBS_EMULATOR_BACKUP_DURATION`) read and print the same form.
public enum DurationLiteral {
    /// What a word starting with a digit is as a duration.
    public enum Reading: Equatable, Sendable {
        /// Not a duration: no unit, a unit out of order or repeated, or other text.
        case notADuration
        /// A duration whose whole seconds do not fit in an `Int` (about 292 billion years).
        case tooLarge
        case duration(Duration)
    }

    /// The units, largest first, with their size in seconds (`ms` is the one below a second); a literal uses each
    /// at most once, in this order.
    private static let units: [(name: [UInt8], seconds: Int)] = [
        (Array("d".utf8), 86_400), (Array("h".utf8), 3_600), (Array("m".utf8), 60), (Array("s".utf8), 1),
        (Array("ms".utf8), 0),
    ]

    /// `text` read as a duration literal: one or more runs of digits each followed by a unit, the units in the
    /// order `d h m s ms`, each at most once (empty text is not one). Whole seconds and milliseconds are summed
    /// apart, so a duration fits when its seconds fit in an `Int`.
    public static func value(of text: ArraySlice<UInt8>) -> Reading {
        guard !text.isEmpty else { return .notADuration }
        var index = text.startIndex
        var nextUnit = 0
        var (seconds, milliseconds) = (0, 0)
        var overflow = false
        while index < text.endIndex {
            let digitsStart = index
            while index < text.endIndex, DecimalDigits.isDigit(text[index]) { index += 1 }
            guard index > digitsStart, index < text.endIndex else { return .notADuration }
            // Too many digits for an `Int` is too large, once the rest proves the word a duration.
            let digits = DecimalDigits.value(text[digitsStart..<index])
            overflow = overflow || digits == nil
            let number = digits ?? 0
            // The unit: the letters up to the next digit.
            let unitStart = index
            while index < text.endIndex, !DecimalDigits.isDigit(text[index]) { index += 1 }
            let unit = text[unitStart..<index]
            guard let found = units[nextUnit...].firstIndex(where: { $0.name.elementsEqual(unit) }) else {
                return .notADuration
            }
            nextUnit = found + 1
            if units[found].seconds == 0 {
                milliseconds = number
            } else {
                let (part, overflow3) = number.multipliedReportingOverflow(by: units[found].seconds)
                let (sum, overflow4) = seconds.addingReportingOverflow(part)
                (seconds, overflow) = (sum, overflow || overflow3 || overflow4)
            }
        }
        return overflow ? .tooLarge : .duration(.seconds(seconds) + .milliseconds(milliseconds))
    }

    /// The literal for `duration`, to the millisecond: each unit from days down that is not zero, largest first
    /// (`5400s` is `1h30m`, `2100ms` is `2s100ms`, zero is `0s`); a negative duration has a `-` before it, which
    /// the language reads as a word, not a duration.
    public static func text(of duration: Duration) -> String {
        let magnitude = duration < .zero ? .zero - duration : duration
        let (wholeSeconds, attoseconds) = magnitude.components
        var rest = wholeSeconds.magnitude
        let milliseconds = attoseconds / 1_000_000_000_000_000
        guard rest != 0 || milliseconds != 0 else { return "0s" }
        var text = duration < .zero ? "-" : ""
        for unit in units where unit.seconds > 0 {
            let size = UInt64(unit.seconds)
            guard rest >= size else { continue }
            text += "\(rest / size)" + String(decoding: unit.name, as: UTF8.self)
            rest %= size
        }
        if milliseconds != 0 { text += "\(milliseconds)ms" }
        return text
    }
}

/// Runs of ASCII digits, read as the language reads a whole number: for the lexer and for ``DurationLiteral``.
public enum DecimalDigits {
    /// Whether `byte` is an ASCII digit, `0` to `9`.
    @inlinable
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of a run of ASCII digits, `nil` when it does not fit in an `Int`.
    @inlinable
    public static func value(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
