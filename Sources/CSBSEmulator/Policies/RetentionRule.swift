import Foundation

/// Which of one resource's automatic backups a policy's retention keeps (a pure function of their creation
/// times and the evaluation time).
///
/// The rule, where the reference is silent (documented in `docs/EMULATOR.md`):
/// - no limit set (`max_backups` and `retention_duration_days` -1 or absent, no long-term count): keep all;
/// - otherwise a backup is kept when any set limit keeps it: it is among the newest `max_backups`; or it was
///   created less than `retention_duration_days` × 24 h before the evaluation; or it is the newest backup of one
///   of the newest `day_backups` days, `week_backups` weeks (Monday first), `month_backups` months or
///   `year_backups` years **that have a backup** (calendar periods in the policy's `timezone`, UTC without one);
/// - every other backup is deleted.
struct RetentionRule: Sendable, Equatable {
    /// `max_backups`, or `nil` for no limit.
    var maxBackups: Int?
    /// `retention_duration_days`, or `nil` for forever.
    var retentionDays: Int?
    /// The long-term counts: days, weeks, months, years (0 = none).
    var longTerm: [Period: Int]
    /// The timezone's offset from UTC, in seconds.
    var offsetSeconds: Int

    /// A calendar period of long-term retention.
    enum Period: CaseIterable, Sendable {
        case day, week, month, year
    }

    /// The retention of a policy's `operation_definition`.
    init(_ definition: PolicyDefinition) {
        maxBackups = definition.maxBackups.flatMap { $0 > 0 ? $0 : nil }
        retentionDays = definition.retentionDurationDays.flatMap { $0 > 0 ? $0 : nil }
        let counts: [(Period, Int?)] = [
            (.day, definition.dayBackups), (.week, definition.weekBackups), (.month, definition.monthBackups),
            (.year, definition.yearBackups),
        ]
        longTerm = Dictionary(uniqueKeysWithValues: counts.compactMap { period, count in
            count.flatMap { $0 > 0 ? (period, $0) : nil }
        })
        offsetSeconds = definition.timezoneOffsetSeconds
    }

    /// Whether the rule ever deletes anything.
    var limits: Bool {
        maxBackups != nil || retentionDays != nil || !longTerm.isEmpty
    }

    /// The indexes in `createdAt` (one resource's backups, **newest first**) of the backups to delete at `now`.
    func expired(_ createdAt: [Int64], at now: Int64) -> [Int] {
        guard limits else { return [] }
        var kept = Set<Int>()
        if let maxBackups { kept.formUnion(0..<min(maxBackups, createdAt.count)) }
        if let retentionDays {
            let cutoff = now - Int64(retentionDays) * PolicySchedule.microsPerDay
            kept.formUnion(createdAt.indices.filter { createdAt[$0] >= cutoff })
        }
        for (period, count) in longTerm {
            var seen: [Int64] = []
            for (index, time) in createdAt.enumerated() {
                let key = self.key(of: time, period)
                guard !seen.contains(key) else { continue }
                guard seen.count < count else { break }
                seen.append(key)
                kept.insert(index)
            }
        }
        return createdAt.indices.filter { !kept.contains($0) }
    }

    /// The period a time falls in, in the rule's timezone: a day, week or month number, or the year.
    func key(of time: Int64, _ period: Period) -> Int64 {
        let local = time + Int64(offsetSeconds) * 1_000_000
        let day = PolicySchedule.day(of: local)
        switch period {
        case .day: return day
        case .week: return PolicySchedule.week(of: day)
        case .month, .year:
            let (year, month) = Self.yearAndMonth(ofDay: day)
            return period == .year ? year : year * 12 + month - 1
        }
    }

    /// The Gregorian year and month (1–12) of a day since 1970-01-01.
    static func yearAndMonth(ofDay day: Int64) -> (Int64, Int64) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let date = Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (Int64(parts.year ?? 1970), Int64(parts.month ?? 1))
    }
}
