import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Checkpoint routes")
struct CheckpointControllerTests {
    /// The seed flow's create-checkpoint body.
    static func body(vault: String, resources: String? = #"["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"]"#) -> String {
        let list = resources.map { #", "resources": \#($0)"# } ?? ""
        return """
            {"checkpoint": {"parameters": {"auto_trigger": false, "description": "backupauto", "incremental": true, \
            "name": "backup_auto"\(list)}, "vault_id": "\(vault)"}}
            """
    }

    /// A vault in the demo project holding the seed server.
    static func vaultWithServer(_ emulator: EmulatorTestClient, token: String) async throws -> String {
        let vault = try await emulator.createVault(token: token)
        _ = try await emulator.addResources([(Seeded.server, Seeded.serverType)], vault: vault, token: token)
        return vault
    }

    @Test("a new checkpoint is protecting, then available once the clock passes backupDuration")
    func lifecycle() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(30)) { emulator in
            // Given
            let token = try await emulator.token()
            let vault = try await Self.vaultWithServer(emulator, token: token)
            // When
            let created = try await emulator.send(
                .post, "/v3/\(Seeded.project)/checkpoints", token: token, json: Self.body(vault: vault)
            )
            // Then
            #expect(created.status == .ok)
            let checkpoint = created.dictionary("checkpoint")
            let id = try #require(checkpoint["id"] as? String)
            #expect(checkpoint["status"] as? String == "protecting")
            #expect(checkpoint["project_id"] as? String == Seeded.project)
            #expect(checkpoint["created_at"] as? String == "2020-08-17T03:51:24.678916")
            let extra = created.dictionary("checkpoint", "extra_info")
            #expect(extra["name"] as? String == "backup_auto")
            #expect(extra["description"] as? String == "backupauto")
            #expect(extra["retention_duration"] as? Int == -1)
            let resources = try #require(created.dictionary("checkpoint", "vault")["resources"] as? [[String: Any]])
            #expect(resources.first?["id"] as? String == Seeded.server)
            #expect(resources.first?["resource_size"] as? String == "140")
            #expect(resources.first?["backup_size"] as? String == "0")
            #expect(resources.first?["backup_count"] as? String == "0")
            #expect(resources.first?["extra_info"] as? String == "{}")
            #expect((created.dictionary("checkpoint", "vault")["skipped_resources"] as? [Any])?.isEmpty == true)

            let path = "/v3/\(Seeded.project)/checkpoints/\(id)"
            emulator.clock.advance(by: .seconds(29))
            let during = try await emulator.send(.get, path, token: token)
            #expect(during.dictionary("checkpoint")["status"] as? String == "protecting")

            emulator.clock.advance(by: .seconds(1))
            let after = try await emulator.send(.get, path, token: token)
            #expect(after.status == .ok)
            #expect(after.dictionary("checkpoint")["status"] as? String == "available")
            let shownVault = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            let resource = (shownVault.dictionary("vault")["resources"] as? [[String: Any]])?.first
            #expect(resource?["backup_count"] as? Int == 1)
            #expect(resource?["backup_size"] as? Int == 8_192)
            #expect(shownVault.dictionary("vault", "billing")["used"] as? Int == 8_192)
        }
    }

    @Test("omitting resources backs up every resource of the vault")
    func allResources() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            _ = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType), (Seeded.secondServer, Seeded.serverType)],
                vault: vault,
                token: token
            )
            let created = try await emulator.send(
                .post, "/v3/\(Seeded.project)/checkpoints", token: token, json: Self.body(vault: vault, resources: nil)
            )
            let resources = created.dictionary("checkpoint", "vault")["resources"] as? [[String: Any]] ?? []
            #expect(resources.compactMap { $0["id"] as? String } == [Seeded.server, Seeded.secondServer])
        }
    }

    @Test("backup_count and backup_size count each resource's own earlier backups, for part of a vault too")
    func earlierBackupsPerResource() async throws {
        try await EmulatorTestClient.run(backupDuration: .zero) { emulator in
            // Given a vault of two servers, both backed up once, then the first server alone once more
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            _ = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType), (Seeded.secondServer, Seeded.serverType)], vault: vault,
                token: token
            )
            let path = "/v3/\(Seeded.project)/checkpoints"
            func resources(_ response: JSONResponse) -> [String: [String: Any]] {
                let list = response.dictionary("checkpoint", "vault")["resources"] as? [[String: Any]] ?? []
                return Dictionary(list.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            }
            _ = try await emulator.send(.post, path, token: token, json: Self.body(vault: vault, resources: nil))
            emulator.clock.advance(by: .seconds(1))
            let alone = try await emulator.send(.post, path, token: token, json: Self.body(vault: vault))
            emulator.clock.advance(by: .seconds(1))
            // When the whole vault is backed up
            let both = try await emulator.send(.post, path, token: token, json: Self.body(vault: vault, resources: nil))
            // Then each resource counts its own backups made before, and only those in the checkpoint are listed
            #expect(resources(alone).keys.sorted() == [Seeded.server])
            #expect(resources(alone)[Seeded.server]?["backup_count"] as? String == "1")
            #expect(resources(alone)[Seeded.server]?["backup_size"] as? String == "8192")
            #expect(resources(both)[Seeded.server]?["backup_count"] as? String == "2")
            #expect(resources(both)[Seeded.server]?["backup_size"] as? String == "16384")
            #expect(resources(both)[Seeded.secondServer]?["backup_count"] as? String == "1")
        }
    }

    @Test("error paths: unknown vault 6105, empty vault 0001, foreign resource 6135, bad body 9900")
    func errors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let empty = try await emulator.createVault(name: "empty", token: token)
            let full = try await Self.vaultWithServer(emulator, token: token)
            let path = "/v3/\(Seeded.project)/checkpoints"
            let unknown = try await emulator.send(.post, path, token: token, json: Self.body(vault: "nope"))
            let nothing = try await emulator.send(
                .post, path, token: token, json: Self.body(vault: empty, resources: nil)
            )
            let notInVault = try await emulator.send(
                .post, path, token: token, json: Self.body(vault: full, resources: #"["\#(Seeded.secondServer)"]"#)
            )
            let invalid = try await emulator.send(.post, path, token: token, json: #"{"checkpoint": {}}"#)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "BackupService.6105")
            #expect(nothing.status == .badRequest)
            #expect(nothing.errorCode == "BackupService.0001")
            #expect(notInVault.status == .badRequest)
            #expect(notInVault.errorCode == "BackupService.6135")
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorCode == "BackupService.9900")
            #expect((invalid["error_msg"] as? String)?.contains("checkpoint.vault_id") == true)
        }
    }

    @Test("an unknown checkpoint, or another project's, is 404 6217")
    func unknownCheckpoint() async throws {
        try await EmulatorTestClient.run { emulator in
            let demo = try await emulator.token()
            let other = try await emulator.token(.other)
            let vault = try await Self.vaultWithServer(emulator, token: demo)
            let created = try await emulator.send(
                .post, "/v3/\(Seeded.project)/checkpoints", token: demo, json: Self.body(vault: vault)
            )
            let id = try #require(created.dictionary("checkpoint")["id"] as? String)
            let unknown = try await emulator.send(.get, "/v3/\(Seeded.project)/checkpoints/nope", token: demo)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/checkpoints/\(id)", token: other)
            for response in [unknown, foreign] {
                #expect(response.status == .notFound)
                #expect(response.errorCode == "BackupService.6217")
            }
        }
    }
}
