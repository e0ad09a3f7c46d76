extension WireTime {
    /// Parses a filter time: `YYYY-mm-ddTHH:MM:SS`, optionally with a fraction of up to 6 digits and a `Z`
    /// (the documented form is `2020-02-23T01:00:32Z`). Returns microseconds since 1970, or `nil` if malformed.
    static func parse(_ text: String) -> Int64? {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let timeAndFraction = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let time = timeAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, time.count == 3, timeAndFraction.count <= 2,
            let year = number(date[0], digits: 4), let month = number(date[1], digits: 2),
            let day = number(date[2], digits: 2), let hour = number(time[0], digits: 2),
            let minute = number(time[1], digits: 2), let second = number(time[2], digits: 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var micros: Int64 = 0
        if timeAndFraction.count == 2 {
            let fraction = timeAndFraction[1]
            guard (1...6).contains(fraction.count), let value = number(fraction, digits: fraction.count) else {
                return nil
            }
            micros = value * Int64([1, 100_000, 10_000, 1_000, 100, 10, 1][fraction.count])
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return ((days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000_000) + micros
    }

    private static func number(_ text: Substring, digits: Int) -> Int64? {
        guard text.count == digits, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (the inverse of the formatter's conversion).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
