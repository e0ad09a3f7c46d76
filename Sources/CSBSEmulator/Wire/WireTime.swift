import Foundation

/// Timestamps as the services write them. Internally the emulator keeps microseconds since 1970 (UTC).
enum WireTime {
    /// Microseconds since 1970-01-01T00:00:00Z for `date`, rounded to the nearest microsecond.
    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The CBR form, no zone: `2020-08-17T03:51:24.678916`.
    static func cbr(_ micros: Int64) -> String {
        format(micros)
    }

    /// The IAM form: `2020-01-04T09:05:22.701000Z`.
    static func iam(_ micros: Int64) -> String {
        format(micros) + "Z"
    }

    private static func format(_ micros: Int64) -> String {
        // Digit by digit into one allocation: a listing page writes four times per backup and disk backup
        // (interpolating padded strings made a dozen allocations for each).
        let text = String(unsafeUninitializedCapacity: cbrLength) { buffer in
            buffer.baseAddress.flatMap { cbrDigits(micros, into: $0) } ?? 0
        }
        if !text.isEmpty { return text }
        let (seconds, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(fraction, 6))"
    }

    /// The length of the CBR form of a time in the years 0 to 9999.
    static let cbrLength = 26

    /// Writes the CBR form of `micros` (``cbr(_:)``) at `target`, which has room for ``cbrLength`` bytes, and
    /// returns its length; `nil` (nothing written) for a year outside 0...9999, whose form is longer.
    static func cbrDigits(_ micros: Int64, into target: UnsafeMutablePointer<UInt8>) -> Int? {
        let (seconds, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(year) else { return nil }
        var end = 0
        func put(_ value: Int64, _ width: Int, then separator: UInt8?) {
            var rest = value
            for position in stride(from: end + width - 1, through: end, by: -1) {
                target[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            end += width
            if let separator {
                target[end] = separator
                end += 1
            }
        }
        put(year, 4, then: UInt8(ascii: "-"))
        put(month, 2, then: UInt8(ascii: "-"))
        put(day, 2, then: UInt8(ascii: "T"))
        put(secondOfDay / 3600, 2, then: UInt8(ascii: ":"))
        put(secondOfDay % 3600 / 60, 2, then: UInt8(ascii: ":"))
        put(secondOfDay % 60, 2, then: UInt8(ascii: "."))
        put(fraction, 6, then: nil)
        return end
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    /// Proleptic Gregorian calendar date for a day count since 1970-01-01 (era-based conversion).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A time in the CBR form (``WireTime/cbr(_:)``) in a wire body, kept as microseconds until it is written: a
/// listing page writes four per backup and disk backup, and ``JSONWriter`` writes the digits straight into its
/// buffer rather than into a string of their own.
struct CBRTime: Encodable, Sendable, Equatable {
    /// Microseconds since 1970 (UTC).
    var micros: Int64

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(WireTime.cbr(micros))
    }
}
