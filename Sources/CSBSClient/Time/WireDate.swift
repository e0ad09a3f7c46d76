import FoundationEssentials

/// Parses the time formats the services send: `2020-08-17T03:51:24.678916` (no zone, UTC),
/// `2020-01-04T09:05:22.701000Z`, `2019-05-23T12:51:10.071+00:00`, and the same without fractions.
public enum WireDate {
    public static func parse(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        guard scalars.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 else { return nil }
                value = value * 10 + Int(scalars[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 {
                fraction += Double(scalars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < scalars.count {
            switch scalars[index] {
            case UInt8(ascii: "Z"): break
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard let hours = number((index + 1)..<(index + 3)) else { return nil }
                let minutesStart = index + 3 < scalars.count && scalars[index + 3] == UInt8(ascii: ":") ? index + 4 : index + 3
                let minutes = number(minutesStart..<(minutesStart + 2)) ?? 0
                offsetSeconds = (hours * 3600 + minutes * 60) * (scalars[index] == UInt8(ascii: "-") ? -1 : 1)
            default: return nil
            }
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            let days = CivilCalendar.daysSince1970(year: Int64(year), month: Int64(month), day: Int64(day))
        else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
