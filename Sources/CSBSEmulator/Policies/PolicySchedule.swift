/// When a policy's trigger fires: the union of its rules' occurrences, in microseconds since 1970 (UTC).
///
/// A rule fires on day `d` (UTC) at each of its times when `d` is on or after the start day, its weekday is in
/// `BYDAY` (if given), and — for `INTERVAL` N — `d` lies a multiple of N days (DAILY) or N weeks (WEEKLY, weeks
/// starting on Monday) after the start day. Occurrences before the start time itself do not count.
struct PolicySchedule: Sendable, Equatable {
    static let microsPerMinute: Int64 = 60_000_000
    static let microsPerDay: Int64 = 86_400_000_000
    /// How far ahead ``next(after:)`` looks: longer than the longest cycle (30 weeks) plus a week.
    private static let horizonDays: Int64 = 31 * 7 + 1

    let rules: [PolicyRule]
    /// The trigger's start (`start_time`), microseconds since 1970.
    let start: Int64

    /// A schedule of parsed rules from `start`.
    init(rules: [PolicyRule], start: Int64) {
        self.rules = rules
        self.start = start
    }

    /// The schedule of a stored policy, or `nil` if its stored pattern does not parse (it was validated when
    /// stored, so this only guards against a damaged row).
    init?(_ policy: PolicyRecord) {
        guard let patterns = WireJSON.decodeText([String].self, from: policy.pattern),
            let rules = try? PolicyPattern.rules(patterns), !rules.isEmpty
        else { return nil }
        self.init(rules: rules, start: policy.startTime)
    }

    /// The first occurrence strictly after `time`, or `nil` if there is none within the horizon (never for a
    /// validated pattern).
    func next(after time: Int64) -> Int64? {
        let first = max(Self.day(of: time), Self.day(of: start))
        for day in first...(first + Self.horizonDays) {
            if let hit = times(on: day).first(where: { $0 > time }) { return hit }
        }
        return nil
    }

    /// The latest `limit` occurrences in `lower...upper`, oldest first.
    func latest(from lower: Int64, through upper: Int64, limit: Int) -> [Int64] {
        guard lower <= upper, limit > 0 else { return [] }
        let last = Self.day(of: upper)
        let first = max(Self.day(of: lower), Self.day(of: start))
        guard first <= last else { return [] }
        var found: [Int64] = []
        var day = last
        while day >= first, found.count < limit {
            for time in times(on: day).reversed() where (lower...upper).contains(time) && found.count < limit {
                found.append(time)
            }
            day -= 1
        }
        return found.reversed()
    }

    /// Every occurrence on one UTC day (days since 1970), ascending and distinct.
    func times(on day: Int64) -> [Int64] {
        let startDay = Self.day(of: start)
        guard day >= startDay else { return [] }
        var minutes = Set<Int>()
        for rule in rules where Self.fires(rule, on: day, startDay: startDay) {
            minutes.formUnion(rule.minutesOfDay)
        }
        return minutes.sorted().map { day * Self.microsPerDay + Int64($0) * Self.microsPerMinute }
            .filter { $0 >= start }
    }

    private static func fires(_ rule: PolicyRule, on day: Int64, startDay: Int64) -> Bool {
        if let weekdays = rule.weekdays, !weekdays.contains(weekday(of: day)) { return false }
        let interval = Int64(rule.interval)
        switch rule.frequency {
        case .daily: return (day - startDay) % interval == 0
        case .weekly: return (week(of: day) - week(of: startDay)) % interval == 0
        }
    }

    /// Days since 1970-01-01 (UTC) of a time, rounding down.
    static func day(of time: Int64) -> Int64 {
        floorDivide(time, microsPerDay)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(of day: Int64) -> Int {
        Int(((day + 3) % 7 + 7) % 7)
    }

    /// Monday-based weeks since the week of 1970-01-01.
    static func week(of day: Int64) -> Int64 {
        floorDivide(day + 3, 7)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
