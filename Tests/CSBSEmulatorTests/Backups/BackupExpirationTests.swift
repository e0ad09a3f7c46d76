import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

/// The tests' clock starts at 2020-08-17T03:51:24Z.
@Suite("update-backup-expiration-time: when a vault's backups expire")
struct BackupExpirationTests {
    static func path(_ vault: String) -> String {
        "/v3/\(Seeded.project)/vaults/\(vault)/update-backup-expiration-time"
    }

    @Test("a day sets expired_at to its end in the time zone, writes a task; the backup goes when it passes")
    func setsAndExpires() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let checkpoint = try #require(
                try await emulator.checkpoint(vault: vault, token: token).dictionary("checkpoint")["id"] as? String
            )
            emulator.clock.advance(by: .seconds(5))
            let backups = try await emulator.backups(checkpoint: checkpoint, token: token)
            let backup = try #require(backups.first?["id"] as? String)
            let answer = try await emulator.send(
                .put, Self.path(vault), token: token,
                json: #"{"expect_expiration_date": "2020-08-18", "time_zone": "UTC+08:00"}"#
            )
            #expect(answer.status == .ok)
            #expect(answer["affected_backups_count"] as? Int == 1)
            #expect(answer["new_expiration_day"] as? String == "2020-08-18")
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backup)", token: token)
            #expect(shown.dictionary("backup")["expired_at"] as? String == "2020-08-18T16:00:00.000000")
            let taskID = try #require(answer["operation_log_id"] as? String)
            let task = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs/\(taskID)", token: token)
            #expect(task.dictionary("operation_log")["operation_type"] as? String == "update_expiration_time")
            #expect(task.dictionary("operation_log")["status"] as? String == "success")
            let extra = task.dictionary("operation_log", "extra_info", "update_expiration_time")
            #expect(extra["affected_backups_count"] as? Int == 1)
            #expect(extra["expiration_day"] as? String == "2020-08-18")
            emulator.clock.advance(by: .seconds(2 * 86_400))
            let later = try await emulator.token()
            let gone = try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backup)", token: later)
            #expect(gone.errorCode == "BackupService.6200")
        }
    }

    @Test("without a day the backups never expire")
    func never() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let checkpoint = try #require(
                try await emulator.checkpoint(vault: vault, token: token).dictionary("checkpoint")["id"] as? String
            )
            emulator.clock.advance(by: .seconds(5))
            _ = try await emulator.send(
                .put, Self.path(vault), token: token,
                json: #"{"expect_expiration_date": "2020-08-20", "time_zone": "UTC+00:00"}"#
            )
            let answer = try await emulator.send(
                .put, Self.path(vault), token: token, json: #"{"time_zone": "UTC+00:00"}"#
            )
            #expect(answer["affected_backups_count"] as? Int == 1)
            let backups = try await emulator.backups(checkpoint: checkpoint, token: token)
            #expect(backups.first?["expired_at"] is NSNull)
        }
    }

    @Test("a malformed zone or date, a day already begun, an unknown vault", arguments: [
        (#"{"expect_expiration_date": "2020-08-20", "time_zone": "CET"}"#, "BackupService.9900"),
        (#"{"expect_expiration_date": "2020-02-30", "time_zone": "UTC+08:00"}"#, "BackupService.9900"),
        (#"{"expect_expiration_date": "20-08-2020", "time_zone": "UTC+08:00"}"#, "BackupService.9900"),
        (#"{"expect_expiration_date": "2020-08-17", "time_zone": "UTC+08:00"}"#, "BackupService.9900"),
        (#"{"expect_expiration_date": "2020-08-20"}"#, "BackupService.9900"),
    ])
    func invalid(_ body: String, _ code: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [], token: token)
            let answer = try await emulator.send(.put, Self.path(vault), token: token, json: body)
            #expect(answer.errorCode == code)
            let unknown = try await emulator.send(
                .put, Self.path("missing"), token: token,
                json: #"{"expect_expiration_date": "2020-08-20", "time_zone": "UTC+08:00"}"#
            )
            #expect(unknown.errorCode == "BackupService.6105")
        }
    }
}
