import FoundationEssentials

extension WireDate {
    /// The form list filters take (`start_time`, `end_time`): `YYYY-mm-ddTHH:MM:SSZ`, UTC, whole seconds.
    public static func filterFormat(_ date: Date) -> String {
        format(date, separator: "T")
    }

    /// The form people read in tables: `YYYY-mm-dd HH:MM:SSZ`, UTC (saying so), whole seconds.
    public static func displayFormat(_ date: Date) -> String {
        format(date, separator: " ")
    }

    private static func format(_ date: Date, separator: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2) + separator + pad(parts.hour, 2)
            + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2) + "Z"
    }
}
