/// Validation of `trigger.properties.pattern`: the RRULE subset CBR accepts (§2.5.1).
enum PolicyPattern {
    static let days: Set<String> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Checks 1–24 rules, each `FREQ=DAILY|WEEKLY` with `BYHOUR` (0–23), `BYMINUTE` (0–59), optional `BYDAY`
    /// (required for WEEKLY) and `INTERVAL` (1–30); at most 24 times a day across rules, at least an hour apart.
    /// - Throws: `BackupService.9900` naming the offending rule.
    static func validate(_ patterns: [String]) throws {
        guard (1...24).contains(patterns.count) else {
            throw EmulatorError.invalidParameter("trigger.properties.pattern must hold 1 to 24 rules.")
        }
        var times = Set<Int>()
        for (index, pattern) in patterns.enumerated() {
            let minutes = try rule(pattern, field: "trigger.properties.pattern[\(index)]")
            times.formUnion(minutes)
        }
        guard times.count <= 24 else {
            throw EmulatorError.invalidParameter("trigger.properties.pattern runs more than 24 times a day.")
        }
        let sorted = times.sorted()
        let gaps = zip(sorted, sorted.dropFirst()).map { $1 - $0 } + (sorted.count > 1 ? [sorted[0] + 1440 - sorted[sorted.count - 1]] : [])
        guard gaps.allSatisfy({ $0 >= 60 }) else {
            throw EmulatorError.invalidParameter("trigger.properties.pattern times must be at least one hour apart.")
        }
    }

    /// Parses one rule and returns its times of day, in minutes after midnight.
    private static func rule(_ pattern: String, field: String) throws -> [Int] {
        var values: [String: String] = [:]
        for part in pattern.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, ["FREQ", "BYDAY", "BYHOUR", "BYMINUTE", "INTERVAL"].contains(String(pair[0])),
                values.updateValue(String(pair[1]), forKey: String(pair[0])) == nil
            else { throw EmulatorError.invalidParameter("\(field): invalid or repeated part '\(part)'.") }
        }
        guard let frequency = values["FREQ"], frequency == "DAILY" || frequency == "WEEKLY" else {
            throw EmulatorError.invalidParameter("\(field): FREQ must be DAILY or WEEKLY.")
        }
        if let days = values["BYDAY"] {
            let list = days.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !list.isEmpty, list.allSatisfy(Self.days.contains), Set(list).count == list.count else {
                throw EmulatorError.invalidParameter("\(field): BYDAY must list distinct days MO to SU.")
            }
        } else if frequency == "WEEKLY" {
            throw EmulatorError.invalidParameter("\(field): a WEEKLY rule needs BYDAY.")
        }
        if let interval = values["INTERVAL"], !(Int(interval).map { (1...30).contains($0) } ?? false) {
            throw EmulatorError.invalidParameter("\(field): INTERVAL must be from 1 to 30.")
        }
        let hours = try numbers(values["BYHOUR"], in: 0...23, name: "BYHOUR", field: field)
        let minutes = try numbers(values["BYMINUTE"], in: 0...59, name: "BYMINUTE", field: field)
        return hours.flatMap { hour in minutes.map { hour * 60 + $0 } }
    }

    private static func numbers(_ text: String?, in range: ClosedRange<Int>, name: String, field: String) throws -> [Int] {
        guard let text else { throw EmulatorError.invalidParameter("\(field): \(name) is required.") }
        let list = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !list.isEmpty, list.allSatisfy({ $0.map(range.contains) ?? false }) else {
            throw EmulatorError.invalidParameter("\(field): \(name) values must be from \(range.lowerBound) to \(range.upperBound).")
        }
        return list.compactMap { $0 }
    }
}
