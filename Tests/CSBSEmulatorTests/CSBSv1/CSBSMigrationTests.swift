import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 → CBR migration (migrate_domain, show_migrate_status), simulated and done at once")
struct CSBSMigrationTests {
    @Test("migrate_domain moves a server's CSBS backups into a new CBR vault; the server can then be backed up")
    func migratesIntoANewVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let before = try await emulator.send(.get, "/v3/migrates", token: token)
            #expect(before.status == .ok)
            #expect(before["status"] as? String == "success")
            #expect((before["project_status"] as? [[String: Any]])?.isEmpty == true)
            let protected = try await emulator.protect(token: token)
            #expect(protected.status == .ok)
            let checkpointID = try #require(protected.dictionary("checkpoint")["id"] as? String)
            let item = try #require(try await emulator.items(checkpoint: checkpointID, token: token).first)
            let backupID = try #require(item["id"] as? String)
            let vault = try await emulator.createVault(token: token)
            let refused = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType)], vault: vault, token: token
            )
            #expect(refused.errorCode == "BackupService.6205")
            emulator.clock.advance(by: .seconds(5))

            let migrated = try await emulator.send(
                .post, "/v3/migrates", token: token, json: #"{"all_regions": false, "reservation": 0.2}"#
            )
            #expect(migrated.status == .ok)
            #expect(migrated.object as? [String: String] == [EmulatorAccount.demo.projectName: "running"])

            let csbs = try await emulator.send(.get, "\(CSBSPaths.base)/checkpoint_items", token: token)
            #expect((csbs["checkpoint_items"] as? [[String: Any]])?.isEmpty == true)
            let backup = try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backupID)", token: token)
            #expect(backup.status == .ok)
            let shown = backup.dictionary("backup")
            #expect(shown["checkpoint_id"] as? String == checkpointID)
            #expect(shown["status"] as? String == "available")
            #expect(shown["resource_id"] as? String == Seeded.server)
            #expect((shown["children"] as? [[String: Any]])?.count == 2)
            let vaultID = try #require(shown["vault_id"] as? String)
            let migratedVault = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vaultID)", token: token)
                .dictionary("vault")
            #expect(migratedVault["name"] as? String == "csbs_ecs-9f93-0002")
            #expect((migratedVault["resources"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seeded.server])
            #expect((migratedVault["billing"] as? [String: Any])?["size"] as? Int == 10)
            let checkpoint = try await emulator.checkpoint(vault: vaultID, token: token)
            #expect(checkpoint.status == .ok)

            let status = try await emulator.send(.get, "/v3/migrates?all_regions=true", token: token)
            #expect(status["status"] as? String == "success")
            let projects = status["project_status"] as? [[String: Any]] ?? []
            #expect(projects.count == 1)
            #expect(projects.first?["project_id"] as? String == Seeded.project)
            #expect(projects.first?["region_id"] as? String == EmulatorAccount.demo.projectName)
            #expect(projects.first?["progress"] as? Int == 100)
            #expect(projects.first?["status"] as? String == "success")
        }
    }

    @Test("a server already in a CBR vault keeps it: its CSBS backups move there, the vault grows to fit them")
    func migratesIntoTheServersVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(size: 10, servers: [Seeded.server], token: token)
            for _ in 0..<2 {
                #expect(try await emulator.protect(token: token).status == .ok)
                emulator.clock.advance(by: .seconds(5))
            }
            let migrated = try await emulator.send(
                .post, "/v3/migrates", token: token, json: #"{"all_regions": true, "reservation": 0.5}"#
            )
            #expect(migrated.status == .ok)
            let backups = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?vault_id=\(vault)", token: token)
            #expect(backups["count"] as? Int == 2)
            let billing = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
                .dictionary("vault", "billing")
            // Two backups of 8,192 MB: 16 GB, and half as much again.
            #expect(billing["size"] as? Int == 24)
            let vaults = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults", token: token)
            #expect(vaults["count"] as? Int == 1)
        }
    }

    @Test("a body without both fields, a reservation outside 0...1 or a bad all_regions is 9900")
    func refusesBadParameters() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let bodies = [
                #"{"reservation": 0.2}"#, #"{"all_regions": true}"#, #"{"all_regions": true, "reservation": 1.5}"#,
            ]
            for body in bodies {
                let refused = try await emulator.send(.post, "/v3/migrates", token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
            let badQuery = try await emulator.send(.get, "/v3/migrates?all_regions=maybe", token: token)
            #expect(badQuery.errorCode == "BackupService.9900")
            let anonymous = try await emulator.send(.get, "/v3/migrates")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
