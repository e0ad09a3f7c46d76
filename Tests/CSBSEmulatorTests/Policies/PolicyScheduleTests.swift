@testable import CSBSEmulator
import Foundation
import Testing

@Suite("Policy trigger times and retention rules")
struct PolicyScheduleTests {
    /// 2026-09-21T00:00:00Z, a Monday, in microseconds.
    static let monday: Int64 = 20_717 * PolicySchedule.microsPerDay
    static let hour: Int64 = 3_600_000_000

    static func schedule(_ patterns: [String], start: Int64 = monday) throws -> PolicySchedule {
        PolicySchedule(rules: try PolicyPattern.rules(patterns), start: start)
    }

    @Test("the day arithmetic: 2026-09-21 is day 20717 and a Monday")
    func dayArithmetic() {
        #expect(Date(timeIntervalSince1970: 20_717 * 86_400).description.hasPrefix("2026-09-21"))
        #expect(PolicySchedule.weekday(of: 20_717) == 0)
        #expect(PolicySchedule.weekday(of: 0) == 3)
    }

    @Test("a weekly rule fires on its days only; INTERVAL counts weeks from the start")
    func weekly() throws {
        let schedule = try Self.schedule(["FREQ=WEEKLY;BYDAY=WE,SU;BYHOUR=6;BYMINUTE=30;INTERVAL=2"])
        let wednesday = Self.monday + 2 * PolicySchedule.microsPerDay + 6 * Self.hour + 30 * 60_000_000
        #expect(schedule.next(after: Self.monday) == wednesday)
        let sunday = wednesday + 4 * PolicySchedule.microsPerDay
        #expect(schedule.next(after: wednesday) == sunday)
        #expect(schedule.next(after: sunday) == wednesday + 14 * PolicySchedule.microsPerDay)
    }

    @Test("a daily INTERVAL counts days from the start; nothing fires before the start time")
    func dailyInterval() throws {
        let start = Self.monday + 12 * Self.hour
        let schedule = try Self.schedule(["FREQ=DAILY;INTERVAL=3;BYHOUR=8,20;BYMINUTE=0"], start: start)
        #expect(schedule.next(after: 0) == Self.monday + 20 * Self.hour)
        #expect(schedule.next(after: Self.monday + 20 * Self.hour) == Self.monday + 3 * PolicySchedule.microsPerDay + 8 * Self.hour)
    }

    @Test("latest returns the most recent occurrences in range, oldest first, at most the limit")
    func latest() throws {
        let schedule = try Self.schedule(["FREQ=DAILY;BYHOUR=1,13;BYMINUTE=0"])
        let end = Self.monday + 10 * PolicySchedule.microsPerDay
        let found = schedule.latest(from: Self.monday, through: end, limit: 3)
        #expect(found == [
            end - 11 * Self.hour - PolicySchedule.microsPerDay, end - 23 * Self.hour, end - 11 * Self.hour,
        ])
        #expect(schedule.latest(from: Self.monday, through: Self.monday + 13 * Self.hour, limit: 24).count == 2)
    }

    @Test("retention: max_backups or retention days keep a backup; no limit keeps all")
    func retentionBasics() {
        let day = PolicySchedule.microsPerDay
        let times: [Int64] = (0..<5).map { Self.monday - Int64($0) * day }
        #expect(RetentionRule(PolicyDefinition(maxBackups: -1)).expired(times, at: Self.monday) == [])
        #expect(RetentionRule(PolicyDefinition(maxBackups: 2)).expired(times, at: Self.monday) == [2, 3, 4])
        #expect(RetentionRule(PolicyDefinition(retentionDurationDays: 3)).expired(times, at: Self.monday) == [4])
    }

    @Test("long-term rules keep the newest backup of each of the last N weeks, months or years having one")
    func longTerm() {
        let day = PolicySchedule.microsPerDay
        // Sunday 2026-09-20, Monday 2026-09-21, Wednesday 2026-09-23, then 2026-08-31 and 2025-12-31; newest first.
        let times: [Int64] = [Self.monday + 2 * day, Self.monday, Self.monday - day, Self.monday - 21 * day,
                              Self.monday - 264 * day]
        let weeks = RetentionRule(PolicyDefinition(weekBackups: 2, timezone: "UTC+00:00"))
        #expect(weeks.expired(times, at: Self.monday + 2 * day) == [1, 3, 4])
        let months = RetentionRule(PolicyDefinition(monthBackups: 2, timezone: "UTC+00:00"))
        #expect(months.expired(times, at: Self.monday + 2 * day) == [1, 2, 4])
        let years = RetentionRule(PolicyDefinition(yearBackups: 5, timezone: "UTC+00:00"))
        #expect(years.expired(times, at: Self.monday + 2 * day) == [1, 2, 3])
        // In UTC-01:00 the Monday-midnight backup falls on Sunday, in the week before.
        let west = RetentionRule(PolicyDefinition(weekBackups: 2, timezone: "UTC-01:00"))
        #expect(west.expired(times, at: Self.monday + 2 * day) == [2, 3, 4])
    }

    @Test("full_backup_interval: N incremental runs follow each full one; the first run is full")
    func fullBackupInterval() {
        #expect((0..<4).map { PolicyDefinition(fullBackupInterval: 2).isIncremental(run: $0) } == [false, true, true, false])
        #expect((0..<3).map { PolicyDefinition().isIncremental(run: $0) } == [false, true, true])
        #expect((0..<2).map { PolicyDefinition(fullBackupInterval: 0).isIncremental(run: $0) } == [false, false])
    }
}
