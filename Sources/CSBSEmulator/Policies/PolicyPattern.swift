/// Validation and parsing of `trigger.properties.pattern`: the RRULE subset CBR accepts (§2.5.1).
enum PolicyPattern {
    /// The `BYDAY` codes, Monday first (their index is the weekday number ``PolicyRule`` uses).
    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    static let days: Set<String> = Set(dayCodes)

    /// Checks 1–24 rules, each `FREQ=DAILY|WEEKLY` with `BYHOUR` (0–23), `BYMINUTE` (0–59), optional `BYDAY`
    /// (required for WEEKLY) and `INTERVAL` (1–30); at most 24 times a day across rules, at least an hour apart.
    /// - Throws: `BackupService.9900` naming the offending rule.
    static func validate(_ patterns: [String]) throws {
        guard (1...24).contains(patterns.count) else {
            throw EmulatorError.invalidParameter("trigger.properties.pattern must hold 1 to 24 rules.")
        }
        var times = Set<Int>()
        for rule in try rules(patterns) {
            times.formUnion(rule.minutesOfDay)
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

    /// Parses every rule (without the across-rules checks of ``validate(_:)``).
    /// - Throws: `BackupService.9900` naming the offending rule.
    static func rules(_ patterns: [String]) throws -> [PolicyRule] {
        try patterns.enumerated().map { index, pattern in
            try rule(pattern, field: "trigger.properties.pattern[\(index)]")
        }
    }

    /// Parses one rule.
    private static func rule(_ pattern: String, field: String) throws -> PolicyRule {
        var values: [String: String] = [:]
        for part in pattern.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, ["FREQ", "BYDAY", "BYHOUR", "BYMINUTE", "INTERVAL"].contains(String(pair[0])),
                values.updateValue(String(pair[1]), forKey: String(pair[0])) == nil
            else { throw EmulatorError.invalidParameter("\(field): invalid or repeated part '\(part)'.") }
        }
        guard let frequency = values["FREQ"].flatMap(PolicyRule.Frequency.init(rawValue:)) else {
            throw EmulatorError.invalidParameter("\(field): FREQ must be DAILY or WEEKLY.")
        }
        var weekdays: Set<Int>?
        if let days = values["BYDAY"] {
            let list = days.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !list.isEmpty, list.allSatisfy(Self.days.contains), Set(list).count == list.count else {
                throw EmulatorError.invalidParameter("\(field): BYDAY must list distinct days MO to SU.")
            }
            weekdays = Set(list.compactMap { dayCodes.firstIndex(of: $0) })
        } else if frequency == .weekly {
            throw EmulatorError.invalidParameter("\(field): a WEEKLY rule needs BYDAY.")
        }
        var interval = 1
        if let text = values["INTERVAL"] {
            guard let value = Int(text), (1...30).contains(value) else {
                throw EmulatorError.invalidParameter("\(field): INTERVAL must be from 1 to 30.")
            }
            interval = value
        }
        let hours = try numbers(values["BYHOUR"], in: 0...23, name: "BYHOUR", field: field)
        let minutes = try numbers(values["BYMINUTE"], in: 0...59, name: "BYMINUTE", field: field)
        let times = Set(hours.flatMap { hour in minutes.map { hour * 60 + $0 } }).sorted()
        return PolicyRule(frequency: frequency, weekdays: weekdays, interval: interval, minutesOfDay: times)
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

/// One parsed RRULE of a policy trigger. Times are UTC (§2.5.1: "times in UTC").
struct PolicyRule: Sendable, Equatable {
    /// `FREQ`.
    enum Frequency: String, Sendable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
    }

    var frequency: Frequency
    /// `BYDAY` as weekday numbers, 0 = Monday … 6 = Sunday; `nil` means every day.
    var weekdays: Set<Int>?
    /// `INTERVAL`: every Nth day (DAILY) or week (WEEKLY), counted from the trigger's start; 1 when absent.
    var interval: Int
    /// The times of day the rule fires, in minutes after midnight UTC, ascending and distinct.
    var minutesOfDay: [Int]
}
