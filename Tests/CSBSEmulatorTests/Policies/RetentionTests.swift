import CSBSEmulator
import Foundation
import NIOHTTP1
import Testing

@Suite("Retention: a policy's rules delete the vault's old automatic backups after each scheduled run")
struct RetentionTests {
    @Test("max_backups keeps the newest N automatic backups per resource; manual backups survive")
    func maxBackups() async throws {
        try await ScheduleWorld.run { world in
            // Given
            let vault = try await world.vault()
            let policy = try await world.policy(definition: #""max_backups": 2"#)
            try await world.associate(policy, vault: vault)
            let manual = try await world.manualBackup(vault: vault)
            // When: four daily runs, one day at a time.
            for _ in 0..<4 { world.advance(hours: 24) }
            // Then
            let backups = try await world.backups(vault: vault)
            let automatic = backups.filter { ($0["name"] as? String)?.hasPrefix("autobk_") == true }
            #expect(automatic.compactMap { ($0["created_at"] as? String)?.prefix(19) } == [
                "2026-09-24T15:00:00", "2026-09-23T15:00:00",
            ])
            #expect(backups.contains { $0["checkpoint_id"] as? String == manual })
            let deletes = try await world.send(.GET, "/operation-logs?operation_type=delete")
            let tasks = deletes.json["operation_logs"] as? [[String: Any]] ?? []
            #expect(tasks.count == 2)
            #expect(tasks.allSatisfy { $0["policy_id"] as? String == policy && $0["status"] as? String == "success" })
        }
    }

    @Test("an expired backup goes deleting, then is gone, like a manual delete")
    func deletingThenGone() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            try await world.associate(try await world.policy(definition: #""max_backups": 1"#), vault: vault)
            world.advance(hours: 24)
            let first = try #require(try await world.backups(vault: vault).first?["id"] as? String)
            // Now 14:13:20 on the 22nd. The second run (15:00:00) completes at 15:00:02; retention then starts a
            // 1 s deletion. Look at 15:00:02.5.
            world.advance(hours: (46 * 60 + 42.5) / 3600)
            #expect(try await world.send(.GET, "/backups/\(first)").json["backup"].flatMap {
                ($0 as? [String: Any])?["status"] as? String
            } == "deleting")
            world.advance(hours: 1)
            let gone = try await world.send(.GET, "/backups/\(first)")
            #expect(gone.status == 404)
            #expect(gone.errorCode == "BackupService.6200")
        }
    }

    @Test("scheduled backups and retention deletions take the configured durations")
    func configuredDurations() async throws {
        let durations = OperationDurations(backup: .seconds(600), delete: .seconds(600))
        try await ScheduleWorld.run(durations: durations) { world in
            let vault = try await world.vault()
            try await world.associate(try await world.policy(definition: #""max_backups": 1"#), vault: vault)
            // 15:05 on the 21st: the first run (15:00) is still protecting.
            world.advance(hours: (51 * 60 + 40) / 3600)
            #expect(try await world.backups(vault: vault).first?["status"] as? String == "protecting")
            // 15:15 on the 22nd: the second run completed at 15:10 and its retention pass deletes the first until
            // 15:20.
            world.advance(hours: 24 + 10.0 / 60)
            let statuses = try await world.backups(vault: vault).compactMap { $0["status"] as? String }
            #expect(statuses == ["available", "deleting"])
        }
    }

    @Test("retention_duration_days deletes automatic backups older than D days at each run")
    func retentionDays() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let policy = try await world.policy(definition: #""retention_duration_days": 2"#)
            try await world.associate(policy, vault: vault)
            // Runs on the 21st to the 25th at 15:00; the last retention pass (25th 15:00:02) keeps two days.
            world.advance(hours: 24 * 5)
            let kept = try await world.keptAutomaticBackups(vault: vault)
            #expect(kept.compactMap { ($0["created_at"] as? String)?.prefix(19) } == [
                "2026-09-25T15:00:00", "2026-09-24T15:00:00",
            ])
        }
    }

    @Test("day_backups keeps the newest backup of each of the last N days of the policy's timezone")
    func dailyLongTerm() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            // 10:00 and 20:00 UTC are 18:00 the same day and 04:00 the next day in UTC+08:00.
            let policy = try await world.policy(
                patterns: ["FREQ=DAILY;BYHOUR=10,20;BYMINUTE=00"],
                definition: #""day_backups": 2, "timezone": "UTC+08:00""#
            )
            try await world.associate(policy, vault: vault)
            // Runs: 21st 20:00, 22nd 10:00 and 20:00, 23rd 10:00 and 20:00 (local days 22, 22, 23, 23, 24).
            world.advance(hours: 60)
            let kept = try await world.keptAutomaticBackups(vault: vault)
            #expect(kept.compactMap { ($0["created_at"] as? String)?.prefix(19) } == [
                "2026-09-23T20:00:00", "2026-09-23T10:00:00",
            ])
        }
    }
}
