@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("Checkpoint lifecycle: backups, skipped resources, capacity, planned outcome")
struct CheckpointLifecycleTests {
    @Test("a server backup has one child per disk; checkpoint, backups and resource move protecting → available")
    func serverBackupTree() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(60)) { emulator in
            // Given
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            // When
            let created = try await emulator.checkpoint(vault: vault, token: token)
            // Then
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let backups = try await emulator.backups(checkpoint: checkpoint, token: token)
            #expect(backups.count == 1)
            let backup = try #require(backups.first)
            #expect(backup["status"] as? String == "protecting")
            #expect(backup["resource_id"] as? String == Seeded.server)
            #expect(backup["parent_id"] is NSNull)
            #expect(backup["protected_at"] is NSNull)
            let children = backup["children"] as? [[String: Any]] ?? []
            #expect(children.compactMap { $0["resource_id"] as? String } == [Seeded.systemDisk, Seeded.dataDisk])
            #expect(children.allSatisfy { $0["parent_id"] as? String == backup["id"] as? String })
            #expect(children.allSatisfy { $0["resource_type"] as? String == Seeded.volumeType })
            let vaultPath = "/v3/\(Seeded.project)/vaults/\(vault)"
            let during = try await emulator.send(.get, vaultPath, token: token)
            let resource = (during.dictionary("vault")["resources"] as? [[String: Any]])?.first
            #expect(resource?["protect_status"] as? String == "protecting")
            #expect(during.dictionary("vault", "billing")["used"] as? Int == 0)

            emulator.clock.advance(by: .seconds(60))
            let after = try await emulator.backups(checkpoint: checkpoint, token: token)
            #expect(after.first?["status"] as? String == "available")
            #expect(after.first?["protected_at"] as? String == "2020-08-17T03:52:24.678916")
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/checkpoints/\(checkpoint)", token: token)
            #expect(shown.dictionary("checkpoint")["status"] as? String == "available")
            let finished = try await emulator.send(.get, vaultPath, token: token)
            let done = (finished.dictionary("vault")["resources"] as? [[String: Any]])?.first
            #expect(done?["protect_status"] as? String == "available")
            #expect(finished.dictionary("vault", "billing")["used"] as? Int == 8_192)
        }
    }

    @Test("a resource still being backed up is skipped (6125); when every resource is, the create fails 1001")
    func skippedResources() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(60)) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            _ = try await emulator.checkpoint(vault: vault, resources: [Seeded.server], token: token)

            let second = try await emulator.checkpoint(vault: vault, token: token)
            #expect(second.status == .ok)
            let resources = second.dictionary("checkpoint", "vault")["resources"] as? [[String: Any]] ?? []
            #expect(resources.compactMap { $0["id"] as? String } == [Seeded.secondServer])
            let skipped = second.dictionary("checkpoint", "vault")["skipped_resources"] as? [[String: Any]] ?? []
            #expect(skipped.count == 1)
            #expect(skipped.first?["id"] as? String == Seeded.server)
            #expect(skipped.first?["code"] as? String == "BackupService.6125")

            let third = try await emulator.checkpoint(vault: vault, token: token)
            #expect(third.status == .badRequest)
            #expect(third.errorCode == "BackupService.1001")
        }
    }

    @Test("once billing.used reaches the vault size, a checkpoint is refused with 6114")
    func capacity() async throws {
        try await EmulatorTestClient.run { emulator in
            // A 10 GB vault (10240 MB); the seed server's backups take 8192 MB each.
            let token = try await emulator.token()
            let vault = try await emulator.vault(size: 10, servers: [Seeded.server], token: token)
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            emulator.clock.advance(by: .seconds(2))
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            emulator.clock.advance(by: .seconds(2))
            let refused = try await emulator.checkpoint(vault: vault, token: token)
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "BackupService.6114")
        }
    }

    @Test("a planned error outcome ends the checkpoint, its backups and its backup task in error")
    func plannedError() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let rule = #"{"operation": "create_checkpoint", "checkpoint_error": true, "count": 1}"#
            #expect(try await emulator.send(.post, "/csbs-emulator/v1/faults", json: rule).status == .ok)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let id = try #require(created.dictionary("checkpoint")["id"] as? String)
            #expect(created.dictionary("checkpoint")["status"] as? String == "protecting")
            emulator.clock.advance(by: .seconds(2))
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/checkpoints/\(id)", token: token)
            #expect(shown.dictionary("checkpoint")["status"] as? String == "error")
            let backups = try await emulator.backups(checkpoint: id, token: token)
            #expect(backups.first?["status"] as? String == "error")
            #expect((backups.first?["children"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "error" } == true)
            let vaultBody = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            #expect((vaultBody.dictionary("vault")["resources"] as? [[String: Any]])?.first?["protect_status"] as? String == "error")
            #expect(vaultBody.dictionary("vault", "billing")["used"] as? Int == 0)
            let logs = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=backup", token: token)
            let task = (logs["operation_logs"] as? [[String: Any]])?.first
            #expect(task?["status"] as? String == "failed")
            #expect((task?["error_info"] as? [String: Any])?["code"] as? String == "BackupService.9910")
        }
    }

    @Test("resource_details selects resources like resources; an unknown one is 6135")
    func resourceDetails() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            let path = "/v3/\(Seeded.project)/checkpoints"
            let body = { (id: String) in
                #"{"checkpoint": {"vault_id": "\#(vault)", "parameters": {"resource_details": "#
                    + #"[{"id": "\#(id)", "type": "OS::Nova::Server"}]}}}"#
            }
            let created = try await emulator.send(.post, path, token: token, json: body(Seeded.secondServer))
            let resources = created.dictionary("checkpoint", "vault")["resources"] as? [[String: Any]] ?? []
            #expect(resources.compactMap { $0["id"] as? String } == [Seeded.secondServer])
            let unknown = try await emulator.send(.post, path, token: token, json: body(Seeded.shutoffServer))
            #expect(unknown.errorCode == "BackupService.6135")
        }
    }
}
