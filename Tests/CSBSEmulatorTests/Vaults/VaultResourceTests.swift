import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import NIOHTTP1
import Testing

@Suite("set-resources and migrateresources: resources already in a vault")
struct VaultResourceTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"

    /// `auto_protect` of each resource of the vault, by id.
    static func autoProtect(
        _ vault: String, _ emulator: EmulatorTestClient, token: String
    ) async throws -> [String: Bool] {
        let shown = try await emulator.send(.get, "\(vaults)/\(vault)", token: token).dictionary("vault")
        var flags: [String: Bool] = [:]
        for resource in shown["resources"] as? [[String: Any]] ?? [] {
            flags[resource["id"] as? String ?? ""] = resource["auto_protect"] as? Bool
        }
        return flags
    }

    @Test("suspend turns auto_protect off and unsuspend on again; the answer lists the ids set")
    func suspendAndUnsuspend() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            let added = try await Self.autoProtect(vault, emulator, token: token)
            #expect(added == [Seeded.server: true, Seeded.secondServer: true])
            let suspended = try await emulator.send(
                .put, "\(Self.vaults)/\(vault)/set-resources", token: token,
                json: #"{"resource_ids": ["\#(Seeded.server)"], "action": "suspend"}"#
            )
            #expect(suspended.status == .ok)
            #expect(suspended["set_resource_ids"] as? [String] == [Seeded.server])
            let after = try await Self.autoProtect(vault, emulator, token: token)
            #expect(after == [Seeded.server: false, Seeded.secondServer: true])
            _ = try await emulator.send(
                .put, "\(Self.vaults)/\(vault)/set-resources", token: token,
                json: #"{"resource_ids": ["\#(Seeded.server)"], "action": "unsuspend"}"#
            )
            #expect(try await Self.autoProtect(vault, emulator, token: token)[Seeded.server] == true)
        }
    }

    @Test("set-resources checks the body first, then the vault, then that every resource is in it")
    func setResourcesErrors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let cases: [(String, String, String)] = [
                (vault, #"{"resource_ids": ["\#(Seeded.server)"], "action": "pause"}"#, "BackupService.9900"),
                (vault, #"{"resource_ids": [], "action": "suspend"}"#, "BackupService.9900"),
                ("missing", #"{"resource_ids": ["\#(Seeded.server)"], "action": "pause"}"#, "BackupService.9900"),
                ("missing", #"{"resource_ids": ["\#(Seeded.server)"], "action": "suspend"}"#, "BackupService.6105"),
                (vault, #"{"resource_ids": ["\#(Seeded.secondServer)"], "action": "suspend"}"#, "BackupService.6135"),
                (
                    vault, #"{"resource_ids": ["\#(Seeded.server)", "\#(Seeded.server)"], "action": "suspend"}"#,
                    "BackupService.6104"
                ),
            ]
            for (id, body, code) in cases {
                let path = "\(Self.vaults)/\(id)/set-resources"
                let answer = try await emulator.send(.put, path, token: token, json: body)
                #expect(answer.errorCode == code, "\(body)")
            }
            #expect(try await Self.autoProtect(vault, emulator, token: token) == [Seeded.server: true])
        }
    }

    @Test("a suspended resource is left out of the policy's scheduled runs")
    func suspendedResourceIsNotScheduled() async throws {
        try await ScheduleWorld.run { world in
            let vault = try await world.vault()
            let add = #"{"resources": [{"id": "\#(Seeded.secondServer)", "type": "OS::Nova::Server"}]}"#
            #expect(try await world.send(.POST, "/vaults/\(vault)/addresources", json: add).status == 200)
            let suspend = #"{"resource_ids": ["\#(Seeded.secondServer)"], "action": "suspend"}"#
            #expect(try await world.send(.PUT, "/vaults/\(vault)/set-resources", json: suspend).status == 200)
            try await world.associate(try await world.policy(), vault: vault)
            world.advance(hours: 1)
            let automatic = try await world.keptAutomaticBackups(vault: vault)
            #expect(automatic.compactMap { $0["resource_id"] as? String } == [ScheduleWorld.server])
        }
    }

    @Test("migrateresources moves the resources with their backups; a shared restore point is split")
    func migrateMovesBackups() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let source = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            let destination = try await emulator.vault(servers: [], token: token)
            let checkpoint = try #require(
                try await emulator.checkpoint(vault: source, token: token).dictionary("checkpoint")["id"] as? String
            )
            emulator.clock.advance(by: .seconds(5))
            let moved = try #require(
                try await emulator.backups(checkpoint: checkpoint, token: token)
                    .first { $0["resource_id"] as? String == Seeded.server }
            )
            let migrated = try await emulator.send(
                .post, "\(Self.vaults)/\(source)/migrateresources", token: token,
                json: #"{"destination_vault_id": "\#(destination)", "resource_ids": ["\#(Seeded.server)"]}"#
            )
            #expect(migrated.status == .ok)
            #expect(migrated["migrated_resources"] as? [String] == [Seeded.server])
            #expect(try await Self.autoProtect(source, emulator, token: token).keys.sorted() == [Seeded.secondServer])
            #expect(try await Self.autoProtect(destination, emulator, token: token).keys.sorted() == [Seeded.server])
            let backupID = try #require(moved["id"] as? String)
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backupID)", token: token)
            let backup = shown.dictionary("backup")
            #expect(backup["vault_id"] as? String == destination)
            let newCheckpoint = try #require(backup["checkpoint_id"] as? String)
            #expect(newCheckpoint != checkpoint)
            let children = try #require(backup["children"] as? [[String: Any]])
            #expect(children.count == 2)
            #expect(children.allSatisfy { $0["vault_id"] as? String == destination })
            let left = try await emulator.backups(checkpoint: checkpoint, token: token)
            #expect(left.compactMap { $0["resource_id"] as? String } == [Seeded.secondServer])
            let used = try await emulator.send(.get, "\(Self.vaults)/\(destination)", token: token)
            #expect(used.dictionary("vault", "billing")["used"] as? Int == 8192)
            // The source vault's deletion leaves the moved backups alone.
            #expect(try await emulator.send(.delete, "\(Self.vaults)/\(source)", token: token).status == .noContent)
            emulator.clock.advance(by: .seconds(600))
            let kept = try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backupID)", token: token)
            #expect(kept.status == .ok)
        }
    }

    @Test("migrateresources: the same vault, an unknown destination, a foreign resource, a wrong type, no room")
    func migrateErrors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            // 37,888 MB of data: more than the 10 GB vault holds.
            let large = "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"
            let source = try await emulator.vault(servers: [large], token: token)
            let disks = try await emulator.createVault(name: "disks", objectType: "disk", token: token)
            let small = try await emulator.vault(size: 10, servers: [], token: token)
            _ = try await emulator.checkpoint(vault: source, token: token)
            let busy = try await emulator.send(
                .post, "\(Self.vaults)/\(source)/migrateresources", token: token,
                json: #"{"destination_vault_id": "\#(small)", "resource_ids": ["\#(large)"]}"#
            )
            #expect(busy.errorCode == "BackupService.2002")
            emulator.clock.advance(by: .seconds(5))
            let cases: [(String, String, String)] = [
                (source, large, "BackupService.9900"),
                ("00000000-0000-4000-8000-000000000000", large, "BackupService.6105"),
                (small, Seeded.secondServer, "BackupService.6135"),
                (disks, large, "BackupService.6102"),
                (small, large, "BackupService.6114"),
            ]
            for (destination, resource, code) in cases {
                let answer = try await emulator.send(
                    .post, "\(Self.vaults)/\(source)/migrateresources", token: token,
                    json: #"{"destination_vault_id": "\#(destination)", "resource_ids": ["\#(resource)"]}"#
                )
                #expect(answer.errorCode == code, "\(destination) \(resource)")
            }
            #expect(try await Self.autoProtect(source, emulator, token: token).keys.sorted() == [large])
        }
    }
}
