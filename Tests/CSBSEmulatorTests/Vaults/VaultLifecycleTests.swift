import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("Vault update, delete, remove resources, list filters")
struct VaultLifecycleTests {
    static let durations = OperationDurations(
        backup: .seconds(10), restore: .seconds(10), delete: .seconds(5), vaultDelete: .seconds(30),
        removeResource: .seconds(20)
    )

    static func path(_ vault: String, _ suffix: String = "") -> String {
        "/v3/\(Seeded.project)/vaults/\(vault)\(suffix)"
    }

    @Test("update changes name, size, threshold and flags; bad sizes are 6101; a size below used is 6101")
    func update() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let body = #"{"vault": {"name": "renamed", "billing": {"size": 300}, "threshold": 70, "auto_bind": true, "smn_notify": false}}"#
            let updated = try await emulator.send(.put, Self.path(vault), token: token, json: body)
            #expect(updated.status == .ok)
            let shown = try await emulator.send(.get, Self.path(vault), token: token).dictionary("vault")
            #expect(shown["name"] as? String == "renamed")
            #expect(shown["threshold"] as? Int == 70)
            #expect(shown["auto_bind"] as? Bool == true)
            #expect(shown["smn_notify"] as? Bool == false)
            #expect((shown["billing"] as? [String: Any])?["size"] as? Int == 300)
            for size in [0, 10_485_761] {
                let bad = try await emulator.send(.put, Self.path(vault), token: token, json: #"{"vault": {"billing": {"size": \#(size)}}}"#)
                #expect(bad.errorCode == "BackupService.6101")
            }
            _ = try await emulator.checkpoint(vault: vault, token: token)
            emulator.clock.advance(by: .seconds(10))
            let tooSmall = try await emulator.send(.put, Self.path(vault), token: token, json: #"{"vault": {"billing": {"size": 7}}}"#)
            #expect(tooSmall.errorCode == "BackupService.6101")
            let badThreshold = try await emulator.send(.put, Self.path(vault), token: token, json: #"{"vault": {"threshold": 0}}"#)
            #expect(badThreshold.errorCode == "BackupService.9900")
            let missing = try await emulator.send(.put, Self.path("nope"), token: token, json: #"{"vault": {"name": "x"}}"#)
            #expect(missing.errorCode == "BackupService.6105")
        }
    }

    @Test("delete answers 204; the vault is deleting (6113 for backups) until vaultDelete passes, then gone")
    func delete() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let running = try await emulator.send(.delete, Self.path(vault), token: token)
            #expect(running.status == .badRequest)
            #expect(running.errorCode == "BackupService.6203")
            emulator.clock.advance(by: .seconds(10))

            let deleted = try await emulator.send(.delete, Self.path(vault), token: token)
            #expect(deleted.status == .noContent)
            let during = try await emulator.send(.get, Self.path(vault), token: token)
            #expect(during.dictionary("vault", "billing")["status"] as? String == "deleting")
            #expect(try await emulator.backups(checkpoint: checkpoint, token: token).first?["status"] as? String == "deleting")
            let backup = try await emulator.checkpoint(vault: vault, token: token)
            #expect(backup.errorCode == "BackupService.6113")
            let again = try await emulator.send(.delete, Self.path(vault), token: token)
            #expect(again.errorCode == "BackupService.6112")

            emulator.clock.advance(by: .seconds(30))
            let gone = try await emulator.send(.get, Self.path(vault), token: token)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "BackupService.6105")
            #expect(try await emulator.backups(checkpoint: checkpoint, token: token).isEmpty)
            let checkpointGone = try await emulator.send(.get, "/v3/\(Seeded.project)/checkpoints/\(checkpoint)", token: token)
            #expect(checkpointGone.errorCode == "BackupService.6217")
            let logs = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=vault_delete", token: token)
            let task = (logs["operation_logs"] as? [[String: Any]])?.first
            #expect(task?["status"] as? String == "success")
            #expect(((task?["extra_info"] as? [String: Any])?["vault_delete"] as? [String: Any])?["total_count"] as? Int == 1)
            // The server is free again.
            let reused = try await emulator.vault(servers: [Seeded.server], token: token)
            #expect(!reused.isEmpty)
        }
    }

    @Test("remove resources: the resource is removing, its backups deleting, then both gone; 6135 if not in vault")
    func removeResources() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            emulator.clock.advance(by: .seconds(10))
            let removed = try await emulator.send(
                .post, Self.path(vault, "/removeresources"), token: token, json: #"{"resource_ids": ["\#(Seeded.server)"]}"#
            )
            #expect(removed.status == .ok)
            #expect(removed["remove_resource_ids"] as? [String] == [Seeded.server])
            let during = try await emulator.send(.get, Self.path(vault), token: token)
            let resources = during.dictionary("vault")["resources"] as? [[String: Any]] ?? []
            #expect(resources.first { $0["id"] as? String == Seeded.server }?["protect_status"] as? String == "removing")
            let statuses = try await emulator.backups(checkpoint: checkpoint, token: token).map {
                ($0["resource_id"] as? String ?? "", $0["status"] as? String ?? "")
            }
            #expect(statuses.contains { $0 == (Seeded.server, "deleting") })
            #expect(statuses.contains { $0 == (Seeded.secondServer, "available") })
            let busy = try await emulator.checkpoint(vault: vault, resources: [Seeded.server], token: token)
            #expect(busy.errorCode == "BackupService.6134")

            emulator.clock.advance(by: .seconds(20))
            let after = try await emulator.send(.get, Self.path(vault), token: token)
            let ids = (after.dictionary("vault")["resources"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == [Seeded.secondServer])
            #expect(try await emulator.backups(checkpoint: checkpoint, token: token).count == 1)
            let notIn = try await emulator.send(
                .post, Self.path(vault, "/removeresources"), token: token, json: #"{"resource_ids": ["\#(Seeded.server)"]}"#
            )
            #expect(notIn.errorCode == "BackupService.6135")
            let logs = try await emulator.send(
                .get, "/v3/\(Seeded.project)/operation-logs?operation_type=remove_resource", token: token
            )
            #expect((logs["operation_logs"] as? [[String: Any]])?.first?["status"] as? String == "success")
        }
    }

    @Test("list filters: protect_type, cloud_type, status, resource_ids")
    func listFilters() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let first = try await emulator.vault(servers: [Seeded.server], token: token)
            let second = try await emulator.vault(servers: [Seeded.secondServer], token: token)
            _ = try await emulator.send(.delete, Self.path(second), token: token)
            func ids(_ query: String) async throws -> [String] {
                let response = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults?\(query)", token: token)
                return (response["vaults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids("protect_type=backup") == [first, second])
            #expect(try await ids("protect_type=replication").isEmpty)
            #expect(try await ids("cloud_type=public&status=available") == [first])
            #expect(try await ids("status=deleting") == [second])
            #expect(try await ids("resource_ids=\(Seeded.secondServer),\(Seeded.server)") == [first, second])
            #expect(try await ids("resource_ids=\(Seeded.secondServer)") == [second])
        }
    }

    @Test("a SHUTOFF server cannot be added to a vault (7101)")
    func shutoffServer() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let added = try await emulator.addResources([(Seeded.shutoffServer, Seeded.serverType)], vault: vault, token: token)
            #expect(added.status == .badRequest)
            #expect(added.errorCode == "BackupService.7101")
        }
    }
}
