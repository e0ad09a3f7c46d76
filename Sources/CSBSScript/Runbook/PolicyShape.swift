import CSBSClient

/// A backup policy's schedule and retention in the form the `policy` statement writes (one daily or weekly rule
/// at one time of day, UTC), for comparing what is asked with what exists.
public struct PolicyShape: Sendable, Hashable, CustomStringConvertible {
    /// Every day, or on some days of the week (in any order, each once).
    public enum Schedule: Sendable, Hashable {
        case daily
        case weekly([Day])
    }

    /// A day of the week, as `every mo,fr` writes it.
    public enum Day: String, Sendable, Hashable, CaseIterable {
        case mo, tu, we, th, fr, sa, su

        /// The RRULE `BYDAY` spelling: `MO` … `SU`.
        public var ruleName: String { rawValue.uppercased() }
    }

    /// How long backups are kept: the newest N, N whole days, or for ever.
    public enum Retention: Sendable, Hashable {
        case count(Int)
        case days(Int)
        case forever
    }

    public var schedule: Schedule
    /// 0–23, UTC.
    public var hour: Int
    /// 0–59.
    public var minute: Int
    public var retention: Retention

    public init(schedule: Schedule, hour: Int, minute: Int, retention: Retention) {
        self.schedule = schedule
        self.hour = hour
        self.minute = minute
        self.retention = retention
    }

    /// Reads an existing policy; `nil` when its trigger is not one rule that `policy` can write (several rules,
    /// several times, an interval).
    public init?(_ policy: Policy) {
        guard let patterns = policy.trigger?.properties.pattern, patterns.count == 1 else { return nil }
        var parts: [String: String] = [:]
        for part in patterns[0].split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parts[pair[0].uppercased()] = String(pair[1])
        }
        guard let hour = parts["BYHOUR"].flatMap({ Int($0) }), let minute = parts["BYMINUTE"].flatMap({ Int($0) }),
            (0...23).contains(hour), (0...59).contains(minute), parts["INTERVAL"].map({ $0 == "1" }) ?? true
        else { return nil }
        switch parts["FREQ"]?.uppercased() {
        case "DAILY" where parts["BYDAY"] == nil:
            schedule = .daily
        case "DAILY", "WEEKLY":
            let names = (parts["BYDAY"] ?? "").split(separator: ",").map { $0.lowercased() }
            let days = Day.allCases.filter { names.contains($0.rawValue) }
            guard !days.isEmpty, days.count == names.count else { return nil }
            schedule = days.count == Day.allCases.count ? .daily : .weekly(days)
        default:
            return nil
        }
        self.hour = hour
        self.minute = minute
        let definition = policy.operationDefinition
        if let count = definition?.maxBackups?.value, count > 0 {
            retention = .count(count)
        } else if let days = definition?.retentionDurationDays?.value, days > 0 {
            retention = .days(days)
        } else {
            retention = .forever
        }
    }

    /// Equal schedules compare equal whatever order the days were written in.
    public static func == (left: PolicyShape, right: PolicyShape) -> Bool {
        left.normalisedSchedule == right.normalisedSchedule && left.hour == right.hour
            && left.minute == right.minute && left.retention == right.retention
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalisedSchedule)
        hasher.combine(hour)
        hasher.combine(minute)
        hasher.combine(retention)
    }

    private var normalisedSchedule: Schedule {
        switch schedule {
        case .daily: return .daily
        case .weekly(let days):
            let sorted = Day.allCases.filter(days.contains)
            return sorted.count == Day.allCases.count ? .daily : .weekly(sorted)
        }
    }

    /// The trigger rule: `FREQ=DAILY;BYHOUR=H;BYMINUTE=M` or `FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=H;BYMINUTE=M`, UTC.
    public var pattern: [String] {
        let time = "BYHOUR=\(hour);BYMINUTE=\(minute)"
        switch normalisedSchedule {
        case .daily: return ["FREQ=DAILY;" + time]
        case .weekly(let days): return ["FREQ=WEEKLY;BYDAY=\(days.map(\.ruleName).joined(separator: ","));" + time]
        }
    }

    /// `max_backups` for `keep`, `retention_duration_days` for `retain`, `retention_duration_days: -1` (keep
    /// forever) otherwise.
    public var definition: PolicyOperationDefinition {
        switch retention {
        case .count(let count): PolicyOperationDefinition(maxBackups: count)
        case .days(let days): PolicyOperationDefinition(retentionDurationDays: days)
        case .forever: PolicyOperationDefinition(retentionDurationDays: -1)
        }
    }

    /// `every day at 02:00 UTC` or `every mo,fr at 02:00 UTC`.
    public var scheduleText: String {
        let days = switch normalisedSchedule {
        case .daily: "day"
        case .weekly(let days): days.map(\.rawValue).joined(separator: ",")
        }
        return "every \(days) at \(timeText) UTC"
    }

    /// `keep 7`, `retain 30d` or `keep forever`.
    public var retentionText: String {
        switch retention {
        case .count(let count): "keep \(count)"
        case .days(let days): "retain \(days)d"
        case .forever: "keep forever"
        }
    }

    public var description: String { "\(scheduleText), \(retentionText)" }

    /// `HH:MM`, zero-padded.
    public var timeText: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
