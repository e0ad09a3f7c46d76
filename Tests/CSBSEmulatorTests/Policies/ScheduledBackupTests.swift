import CSBSClient
import CSBSTestSupport
import Foundation
import NIOHTTP1
import Testing

@Suite("Scheduled backups: bound backup policies run at their trigger times")
struct ScheduledBackupTests {
    @Test("a daily policy fires once per day advanced, at the trigger time, like a manual checkpoint")
    func dailyPolicy() async throws {
        try await ScheduleWorld.run { world in
            // Given: 14:13 UTC; the policy runs daily at 15:00 UTC.
            let vault = try await world.vault()
            let policy = try await world.policy()
            try await world.associate(policy, vault: vault)
            #expect(try await world.backups(vault: vault).isEmpty)
            // When
            world.advance(hours: 24)
            // Then
            let first = try await world.backups(vault: vault)
            #expect(first.count == 1)
            let backup = try #require(first.first)
            #expect((backup["name"] as? String)?.hasPrefix("autobk_") == true)
            #expect((backup["name"] as? String)?.count == 11)
            #expect((backup["created_at"] as? String)?.hasPrefix("2026-09-21T15:00:00") == true)
            #expect(backup["status"] as? String == "available")
            #expect(backup["resource_id"] as? String == ScheduleWorld.server)
            #expect((backup["extend_info"] as? [String: Any])?["auto_trigger"] as? Bool == true)
            #expect((backup["children"] as? [[String: Any]])?.count == 2)
            let tasks = try await world.send(.GET, "/operation-logs?operation_type=backup")
            let task = (tasks.json["operation_logs"] as? [[String: Any]])?.first
            #expect(task?["status"] as? String == "success")
            #expect(task?["policy_id"] as? String == policy)

            world.advance(hours: 24)
            let second = try await world.backups(vault: vault)
            #expect(second.count == 2)
            #expect((second.first?["created_at"] as? String)?.hasPrefix("2026-09-22T15:00:00") == true)
        }
    }

    @Test("a listing answered before a trigger time is not served from the cache after it")
    func cachedListingExpires() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            try await world.associate(try await world.policy(), vault: vault)
            let token = try await world.token()
            let path = "/backups?vault_id=\(vault)"
            #expect((try await world.send(.GET, path, token: token).json["backups"] as? [Any])?.isEmpty == true)
            #expect((try await world.send(.GET, path, token: token).json["backups"] as? [Any])?.isEmpty == true)
            world.advance(hours: 1)
            #expect((try await world.send(.GET, path, token: token).json["backups"] as? [Any])?.count == 1)
        }
    }

    @Test("a policy with two patterns fires at both times of the day")
    func twoPatterns() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let policy = try await world.policy(
                patterns: ["FREQ=DAILY;INTERVAL=1;BYHOUR=15;BYMINUTE=00", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=3;BYMINUTE=30"]
            )
            try await world.associate(policy, vault: vault)
            world.advance(hours: 24)
            let times = try await world.backups(vault: vault).compactMap { $0["created_at"] as? String }
            #expect(times.map { String($0.prefix(19)) } == ["2026-09-22T03:30:00", "2026-09-21T15:00:00"])
        }
    }

    @Test("a policy created disabled and a vault without resources fire nothing")
    func disabledAndEmpty() async throws {
        try await ScheduleWorld.run { world in
            let disabledVault = try await world.vault()
            try await world.associate(try await world.policy(enabled: false), vault: disabledVault)
            let emptyVault = try await world.vault(withServer: false)
            try await world.associate(try await world.policy(), vault: emptyVault)
            world.advance(hours: 72)
            #expect(try await world.backups(vault: disabledVault).isEmpty)
            #expect(try await world.backups(vault: emptyVault).isEmpty)
            let tasks = try await world.send(.GET, "/operation-logs")
            #expect(tasks.json["count"] as? Int == 0)
        }
    }

    @Test("dissociating a policy stops its runs")
    func dissociated() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let policy = try await world.policy()
            try await world.associate(policy, vault: vault)
            world.advance(hours: 24)
            #expect(try await world.backups(vault: vault).count == 1)
            let body = #"{"policy_id": "\#(policy)"}"#
            #expect(try await world.send(.POST, "/vaults/\(vault)/dissociatepolicy", json: body).status == 200)
            world.advance(hours: 48)
            #expect(try await world.backups(vault: vault).count == 1)
        }
    }

    @Test("disabling a bound policy stops its runs")
    func disabledLater() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let policy = try await world.policy()
            try await world.associate(policy, vault: vault)
            world.advance(hours: 24)
            let update = try await world.send(.PUT, "/policies/\(policy)", json: #"{"policy": {"enabled": false}}"#)
            #expect(update.status == 200)
            world.advance(hours: 48)
            #expect(try await world.backups(vault: vault).count == 1)
            let tasks = try await world.send(.GET, "/operation-logs?operation_type=backup")
            #expect(tasks.json["count"] as? Int == 1)
        }
    }

    @Test("re-enabling a policy runs it from the next trigger on, without the runs it missed while disabled")
    func reEnabled() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let policy = try await world.policy(enabled: false)
            try await world.associate(policy, vault: vault)
            world.advance(hours: 72)
            #expect(try await world.send(.PUT, "/policies/\(policy)", json: #"{"policy": {"enabled": true}}"#).status == 200)
            #expect(try await world.backups(vault: vault).isEmpty)
            world.advance(hours: 24)
            let backups = try await world.backups(vault: vault)
            #expect(backups.count == 1)
            #expect((backups.first?["created_at"] as? String)?.hasPrefix("2026-09-24T15:00:00") == true)
        }
    }

    @Test("a long clock jump fires only the 24 most recent missed runs")
    func boundedCatchUp() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let hours = (0..<24).map(String.init).joined(separator: ",")
            let policy = try await world.policy(patterns: ["FREQ=DAILY;INTERVAL=1;BYHOUR=\(hours);BYMINUTE=00"])
            try await world.associate(policy, vault: vault)
            world.advance(hours: 24 * 365)
            let backups = try await world.backups(vault: vault)
            #expect(backups.count == 24)
            // 2027-09-21T14:13:20Z is a year later; the newest run is at 14:00 and the oldest 23 hours before it.
            #expect((backups.first?["created_at"] as? String)?.hasPrefix("2027-09-21T14:00:00") == true)
            #expect((backups.last?["created_at"] as? String)?.hasPrefix("2027-09-20T15:00:00") == true)
            world.advance(hours: 1)
            #expect(try await world.backups(vault: vault).count == 25)
        }
    }

    @Test("a store reopened on the same file keeps each binding's schedule position: no run twice, none lost")
    func persistence() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        let (vault, restartAt) = try await ScheduleWorld.run(path: path) { world in
            let vault = try await world.vault()
            try await world.associate(try await world.policy(), vault: vault)
            world.advance(hours: 24)
            #expect(try await world.backups(vault: vault).count == 1)
            return (vault, world.clock.date)
        }
        try await ScheduleWorld.run(path: path, start: restartAt) { world in
            #expect(try await world.backups(vault: vault).count == 1)
            world.advance(hours: 24)
            let backups = try await world.backups(vault: vault)
            #expect(backups.count == 2)
            #expect((backups.first?["created_at"] as? String)?.hasPrefix("2026-09-22T15:00:00") == true)
        }
    }
}
