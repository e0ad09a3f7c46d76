import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Manual backups: names, retention, auto_trigger and the first backup")
struct ManualBackupOptionsTests {
    static let checkpoints = "/v3/\(Seeded.project)/checkpoints"

    static func body(vault: String, parameters: String) -> String {
        #"{"checkpoint": {"vault_id": "\#(vault)", "parameters": {\#(parameters)}}}"#
    }

    @Test(
        "a checkpoint or backup name with a space, /, ., a control character or NUL is 9900",
        arguments: ["my backup", "a/b", "a.b", "nul\u{0}x", "cr\rlf", String(repeating: "😀", count: 64)]
    )
    func refusedNames(name: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.send(
                .post, Self.checkpoints, token: token,
                json: Self.body(vault: vault, parameters: #""name": \#(jsonLiteral(name))"#)
            )
            #expect(created.errorCode == "BackupService.9900")
            let point = try await emulator.checkpoint(vault: vault, token: token)
            let backup = try #require(
                try await emulator.backups(checkpoint: point.dictionary("checkpoint")["id"] as? String ?? "", token: token)
                    .first?["id"] as? String
            )
            let renamed = try await emulator.send(
                .put, "/v3/\(Seeded.project)/backups/\(backup)", token: token,
                json: #"{"backup": {"name": \#(jsonLiteral(name))}}"#
            )
            #expect(renamed.errorCode == "BackupService.9900")
        }
    }

    @Test("parameter errors come before the busy check: 9900, not 1001")
    func parametersBeforeBusy() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            for parameters in [#""name": "bad name""#, #""retention_duration_days": 0"#,
                               #""auto_trigger": true, "retention_duration_days": 7"#,
                               #""description": "nul\u0000""#] {
                let busy = try await emulator.send(
                    .post, Self.checkpoints, token: token, json: Self.body(vault: vault, parameters: parameters)
                )
                #expect(busy.errorCode == "BackupService.9900", "\(parameters)")
            }
            let again = try await emulator.checkpoint(vault: vault, token: token)
            #expect(again.errorCode == "BackupService.1001")
        }
    }

    @Test("retention_duration_days sets extra_info.retention_duration and each backup's expired_at")
    func retention() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.send(
                .post, Self.checkpoints, token: token,
                json: Self.body(vault: vault, parameters: #""name": "kept", "retention_duration_days": 7"#)
            )
            #expect(created.status == .ok)
            #expect(created.dictionary("checkpoint", "extra_info")["retention_duration"] as? Int == 7)
            let id = try #require(created.dictionary("checkpoint")["id"] as? String)
            let backup = try #require(try await emulator.backups(checkpoint: id, token: token).first)
            #expect(backup["created_at"] as? String == "2020-08-17T03:51:24.678916")
            #expect(backup["expired_at"] as? String == "2020-08-24T03:51:24.678916")
            let children = backup["children"] as? [[String: Any]] ?? []
            #expect(!children.isEmpty)
            #expect(children.allSatisfy { $0["expired_at"] as? String == "2020-08-24T03:51:24.678916" })
            let forever = try await emulator.checkpoint(vault: try await emulator.vault(servers: [Seeded.secondServer], token: token), token: token)
            let other = try #require(forever.dictionary("checkpoint")["id"] as? String)
            #expect(try await emulator.backups(checkpoint: other, token: token).first?["expired_at"] is NSNull)

            // At expiry the backup is deleted as by DELETE /backups/{id}; the one kept for ever stays.
            let path = "/v3/\(Seeded.project)/backups/\(backup["id"] as? String ?? "")"
            emulator.clock.advance(by: .seconds(7 * 86_400 - 10))
            let fresh = try await emulator.token()
            #expect(try await emulator.send(.get, path, token: fresh).dictionary("backup")["status"] as? String == "available")
            emulator.clock.advance(by: .seconds(10))
            #expect(try await emulator.send(.get, path, token: fresh).dictionary("backup")["status"] as? String == "deleting")
            emulator.clock.advance(by: .seconds(5))
            #expect(try await emulator.send(.get, path, token: fresh).errorCode == "BackupService.6200")
            let tasks = try await emulator.send(
                .get, "/v3/\(Seeded.project)/operation-logs?operation_type=delete", token: fresh
            )
            #expect((tasks["operation_logs"] as? [[String: Any]])?.count == 1)
            #expect(try await emulator.backups(checkpoint: other, token: fresh).count == 1)
        }
    }

    @Test(
        "retention_duration_days outside -1 and 1...36500, or with auto_trigger true, is 9900",
        arguments: [#""retention_duration_days": 0"#, #""retention_duration_days": 36501"#,
                    #""retention_duration_days": -2"#, #""auto_trigger": true, "retention_duration_days": 7"#]
    )
    func badRetention(parameters: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.send(
                .post, Self.checkpoints, token: token, json: Self.body(vault: vault, parameters: parameters)
            )
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "BackupService.9900")
        }
    }

    @Test("a resource's first backup is full even when incremental is asked; the next one is incremental")
    func firstBackupIsFull() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let incremental = #""name": "bk", "incremental": true"#
            let first = try await emulator.send(
                .post, Self.checkpoints, token: token, json: Self.body(vault: vault, parameters: incremental)
            )
            let firstID = try #require(first.dictionary("checkpoint")["id"] as? String)
            emulator.clock.advance(by: .seconds(3))
            let second = try await emulator.send(
                .post, Self.checkpoints, token: token, json: Self.body(vault: vault, parameters: incremental)
            )
            let secondID = try #require(second.dictionary("checkpoint")["id"] as? String)
            let full = try #require(try await emulator.backups(checkpoint: firstID, token: token).first)
            let next = try #require(try await emulator.backups(checkpoint: secondID, token: token).first)
            #expect(full["incremental"] as? Bool == false)
            #expect((full["children"] as? [[String: Any]])?.allSatisfy { $0["incremental"] as? Bool == false } == true)
            #expect(next["incremental"] as? Bool == true)
        }
    }

    @Test("list_backups with an unknown resource_type is 9900")
    func unknownResourceType() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let bogus = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?resource_type=bogus", token: token)
            #expect(bogus.status == .badRequest)
            #expect(bogus.errorCode == "BackupService.9900")
            let server = try await emulator.send(
                .get, "/v3/\(Seeded.project)/backups?resource_type=OS::Nova::Server", token: token
            )
            #expect(server.status == .ok)
        }
    }
}
