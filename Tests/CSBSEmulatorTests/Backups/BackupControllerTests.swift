import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Backup routes: show, update, delete, restore")
struct BackupControllerTests {
    static let durations = OperationDurations(
        backup: .seconds(10), restore: .seconds(20), delete: .seconds(5), vaultDelete: .seconds(30),
        removeResource: .seconds(5)
    )

    /// A vault with the seed server and one finished backup of it; returns (vault, backup id, child ids).
    static func backedUp(_ emulator: EmulatorTestClient, token: String) async throws -> (String, String, [String]) {
        let vault = try await emulator.vault(servers: [Seeded.server], token: token)
        let created = try await emulator.checkpoint(vault: vault, token: token)
        let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
        emulator.clock.advance(by: .seconds(10))
        let backup = try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first)
        let children = (backup["children"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return (vault, try #require(backup["id"] as? String), children)
    }

    static func path(_ backup: String, _ suffix: String = "") -> String {
        "/v3/\(Seeded.project)/backups/\(backup)\(suffix)"
    }

    @Test("show returns the backup with its documented fields; unknown or foreign ids are 404 6200")
    func show() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (vault, backup, children) = try await Self.backedUp(emulator, token: token)
            let shown = try await emulator.send(.get, Self.path(backup), token: token)
            #expect(shown.status == .ok)
            let body = shown.dictionary("backup")
            #expect(body["vault_id"] as? String == vault)
            #expect(body["status"] as? String == "available")
            #expect(body["image_type"] as? String == "backup")
            #expect(body["provider_id"] as? String == "0daac4c5-6707-4851-97ba-169e36266b66")
            #expect(body["resource_size"] as? Int == 140)
            #expect(body["resource_az"] as? String == "cn-north-4a")
            #expect(body["version"] as? Int == 3)
            #expect(body["expired_at"] is NSNull)
            #expect(shown.dictionary("backup", "extend_info")["contain_system_disk"] as? Bool == true)
            let child = try await emulator.send(.get, Self.path(children[0]), token: token)
            #expect(child.dictionary("backup")["parent_id"] as? String == backup)
            #expect(child.dictionary("backup", "extend_info")["system_disk"] as? Bool == true)
            let unknown = try await emulator.send(.get, Self.path("nope"), token: token)
            let foreign = try await emulator.send(
                .get, "/v3/\(Seeded.otherProject)/backups/\(backup)", token: other
            )
            for response in [unknown, foreign] {
                #expect(response.status == .notFound)
                #expect(response.errorCode == "BackupService.6200")
            }
        }
    }

    @Test("update renames the backup and bumps updated_at; an empty name is 9900")
    func update() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (_, backup, _) = try await Self.backedUp(emulator, token: token)
            emulator.clock.advance(by: .seconds(1))
            let renamed = try await emulator.send(
                .put, Self.path(backup), token: token, json: #"{"backup": {"name": "renamed"}}"#
            )
            #expect(renamed.status == .ok)
            #expect(renamed.dictionary("backup")["name"] as? String == "renamed")
            #expect(renamed.dictionary("backup")["updated_at"] as? String == "2020-08-17T03:51:35.678916")
            let bad = try await emulator.send(.put, Self.path(backup), token: token, json: #"{"backup": {"name": ""}}"#)
            #expect(bad.errorCode == "BackupService.9900")
            let missing = try await emulator.send(.put, Self.path("nope"), token: token, json: #"{"backup": {"name": "x"}}"#)
            #expect(missing.errorCode == "BackupService.6200")
        }
    }

    @Test("delete answers 204, the backup is deleting, then gone; billing.used shrinks; a delete task is logged")
    func delete() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (vault, backup, children) = try await Self.backedUp(emulator, token: token)
            let vaultPath = "/v3/\(Seeded.project)/vaults/\(vault)"
            #expect(try await emulator.send(.get, vaultPath, token: token).dictionary("vault", "billing")["used"] as? Int == 8_192)
            let deleted = try await emulator.send(.delete, Self.path(backup), token: token)
            #expect(deleted.status == .noContent)
            let during = try await emulator.send(.get, Self.path(backup), token: token)
            #expect(during.dictionary("backup")["status"] as? String == "deleting")
            #expect(try await emulator.send(.get, vaultPath, token: token).dictionary("vault", "billing")["used"] as? Int == 0)
            let again = try await emulator.send(.delete, Self.path(backup), token: token)
            #expect(again.errorCode == "CSBS.2003")

            emulator.clock.advance(by: .seconds(5))
            for id in [backup] + children {
                let gone = try await emulator.send(.get, Self.path(id), token: token)
                #expect(gone.status == .notFound)
                #expect(gone.errorCode == "BackupService.6200")
            }
            let logs = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=delete", token: token)
            let task = (logs["operation_logs"] as? [[String: Any]])?.first
            #expect(task?["status"] as? String == "success")
            let extra = task?["extra_info"] as? [String: Any]
            #expect((extra?["delete"] as? [String: Any])?["backup_id"] as? String == backup)
        }
    }

    @Test("delete refuses a protecting backup (CSBS.2003), a disk backup (6201), an unknown one (6200)")
    func deleteErrors() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (vault, _, children) = try await Self.backedUp(emulator, token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let protecting = try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String)
            let busy = try await emulator.send(.delete, Self.path(protecting), token: token)
            #expect(busy.status == .badRequest)
            #expect(busy.errorCode == "CSBS.2003")
            let child = try await emulator.send(.delete, Self.path(children[0]), token: token)
            #expect(child.errorCode == "BackupService.6201")
            let unknown = try await emulator.send(.delete, Self.path("nope"), token: token)
            #expect(unknown.errorCode == "BackupService.6200")
        }
    }

    /// The disk backups of `backup`, each with the disk it was made of.
    static func diskBackups(
        _ emulator: EmulatorTestClient, backup: String, token: String
    ) async throws -> [(backup: String, disk: String)] {
        let shown = try await emulator.send(.get, Self.path(backup), token: token)
        return (shown.dictionary("backup")["children"] as? [[String: Any]] ?? []).compactMap { child in
            guard let id = child["id"] as? String, let disk = child["resource_id"] as? String else { return nil }
            return (id, disk)
        }
    }

    /// A restore body onto `server` with these (disk backup, disk) pairs.
    static func restoreBody(server: String?, _ pairs: [(backup: String, disk: String)]) -> String {
        let mappings = pairs.map { #"{"backup_id": "\#($0.backup)", "volume_id": "\#($0.disk)"}"# }
        let serverMember = server.map { #""server_id": "\#($0)", "# } ?? ""
        return #"{"restore": {\#(serverMember)"mappings": [\#(mappings.joined(separator: ", "))], "power_on": true}}"#
    }

    /// The restore body that puts every disk backup of `backup` back on its own disk of the seed server.
    static func inPlace(_ emulator: EmulatorTestClient, backup: String, token: String) async throws -> String {
        restoreBody(server: Seeded.server, try await diskBackups(emulator, backup: backup, token: token))
    }

    @Test("restore answers 202 with no body; the backup is restoring, then available; a restore task is logged")
    func restore() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (_, backup, _) = try await Self.backedUp(emulator, token: token)
            let body = try await Self.inPlace(emulator, backup: backup, token: token)
            let restored = try await emulator.send(.post, Self.path(backup, "/restore"), token: token, json: body)
            #expect(restored.status == .accepted)
            #expect(restored.object.isEmpty)
            let during = try await emulator.send(.get, Self.path(backup), token: token)
            #expect(during.dictionary("backup")["status"] as? String == "restoring")
            let busy = try await emulator.send(.delete, Self.path(backup), token: token)
            #expect(busy.errorCode == "CSBS.2003")
            let again = try await emulator.send(.post, Self.path(backup, "/restore"), token: token, json: body)
            #expect(again.errorCode == "BackupService.2005")

            emulator.clock.advance(by: .seconds(20))
            let after = try await emulator.send(.get, Self.path(backup), token: token)
            #expect(after.dictionary("backup")["status"] as? String == "available")
            let logs = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=restore", token: token)
            let task = (logs["operation_logs"] as? [[String: Any]])?.first
            let extra = (task?["extra_info"] as? [String: Any])?["restore"] as? [String: Any]
            #expect(task?["status"] as? String == "success")
            #expect(extra?["target_resource_id"] as? String == Seeded.server)
            #expect(extra?["backup_id"] as? String == backup)
        }
    }

    @Test("restore errors: 2005 protecting, 2010 target being restored, 7100 unknown server, 9900 mappings, 7000")
    func restoreErrors() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (vault, first, _) = try await Self.backedUp(emulator, token: token)
            let pairs = try await Self.diskBackups(emulator, backup: first, token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let second = try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String)
            let secondBody = try await Self.inPlace(emulator, backup: second, token: token)
            let protecting = try await emulator.send(.post, Self.path(second, "/restore"), token: token, json: secondBody)
            #expect(protecting.errorCode == "BackupService.2005")
            emulator.clock.advance(by: .seconds(10))

            let unknownServer = try await emulator.send(
                .post, Self.path(first, "/restore"), token: token, json: Self.restoreBody(server: "nope", pairs)
            )
            #expect(unknownServer.status == .notFound)
            #expect(unknownServer.errorCode == "BackupService.7100")
            let otherServer = try await emulator.send(
                .post, Self.path(first, "/restore"), token: token,
                json: Self.restoreBody(server: Seeded.secondServer, pairs)
            )
            #expect(otherServer.errorCode == "BackupService.9900")
            let unknownDisk = try await emulator.send(
                .post, Self.path(first, "/restore"), token: token,
                json: Self.restoreBody(server: Seeded.server, [(pairs[0].backup, "nope"), pairs[1]])
            )
            #expect(unknownDisk.errorCode == "BackupService.7000")

            let full = Self.restoreBody(server: Seeded.server, pairs)
            #expect(try await emulator.send(.post, Self.path(first, "/restore"), token: token, json: full).status == .accepted)
            let sameTarget = try await emulator.send(.post, Self.path(second, "/restore"), token: token, json: secondBody)
            #expect(sameTarget.errorCode == "BackupService.2010")
            let backupDuringRestore = try await emulator.checkpoint(vault: vault, token: token)
            #expect(backupDuringRestore.errorCode == "BackupService.2010")
        }
    }

    @Test("a server restore needs server_id and mappings of every disk backup; a disk restore needs volume_id")
    func restoreTargets() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (_, backup, _) = try await Self.backedUp(emulator, token: token)
            let pairs = try await Self.diskBackups(emulator, backup: backup, token: token)
            #expect(pairs.count == 2)
            let cases: [(String, String)] = [
                (#"{"restore": {}}"#, "BackupService.9900"),
                (#"{"restore": {"server_id": "\#(Seeded.server)"}}"#, "BackupService.9900"),
                (#"{"restore": {"volume_id": "\#(Seeded.dataDisk)"}}"#, "BackupService.9900"),
                (Self.restoreBody(server: nil, pairs), "BackupService.9900"),
                (Self.restoreBody(server: Seeded.server, [pairs[0]]), "BackupService.2012"),
                (Self.restoreBody(server: Seeded.server, [pairs[0], pairs[0]]), "BackupService.9900"),
                (Self.restoreBody(server: Seeded.server, [pairs[0], (pairs[1].backup, pairs[0].disk)]), "BackupService.9900"),
            ]
            for (body, code) in cases {
                let answer = try await emulator.send(.post, Self.path(backup, "/restore"), token: token, json: body)
                #expect(answer.status == .badRequest, "\(body)")
                #expect(answer.errorCode == code, "\(body)")
            }
            #expect(try await emulator.send(.get, Self.path(backup), token: token).dictionary("backup")["status"] as? String
                == "available")

            let disks = try await emulator.createVault(name: "disks", objectType: "disk", token: token)
            _ = try await emulator.addResources([(Seeded.dataDisk, Seeded.volumeType)], vault: disks, token: token)
            let point = try await emulator.checkpoint(vault: disks, token: token)
            emulator.clock.advance(by: .seconds(10))
            let diskBackup = try #require(
                try await emulator.backups(checkpoint: point.dictionary("checkpoint")["id"] as? String ?? "", token: token)
                    .first?["id"] as? String
            )
            let noVolume = try await emulator.send(.post, Self.path(diskBackup, "/restore"), token: token, json: #"{"restore": {}}"#)
            #expect(noVolume.errorCode == "BackupService.9900")
            let onto = try await emulator.send(
                .post, Self.path(diskBackup, "/restore"), token: token,
                json: #"{"restore": {"volume_id": "\#(Seeded.dataDisk)"}}"#
            )
            #expect(onto.status == .accepted)
        }
    }

    @Test("metadata: the server and disks the backup recorded; 6206 while protecting, 6200 for an unknown id")
    func metadata() async throws {
        try await EmulatorTestClient.run(durations: Self.durations) { emulator in
            let token = try await emulator.token()
            let (vault, backup, children) = try await Self.backedUp(emulator, token: token)
            let shown = try await emulator.send(.get, Self.path(backup, "/metadata"), token: token)
            #expect(shown.status == .ok)
            #expect(shown["backup_id"] as? String == backup)
            let server = try JSONSerialization.jsonObject(with: Data((shown["server"] as? String ?? "").utf8))
            #expect((server as? [String: Any])?["id"] as? String == Seeded.server)
            let volumes = (shown["volumes"] as? [String] ?? []).compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            #expect(volumes.compactMap { $0["id"] as? String } == [Seeded.systemDisk, Seeded.dataDisk])
            let backups = try JSONSerialization.jsonObject(with: Data((shown["backups"] as? String ?? "").utf8))
            #expect((backups as? [[String: Any]])?.compactMap { $0["id"] as? String } == children)
            #expect(shown["floatingips"] as? [String] == [])
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let protecting = try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String)
            let early = try await emulator.send(.get, Self.path(protecting, "/metadata"), token: token)
            #expect(early.errorCode == "BackupService.6206")
            let unknown = try await emulator.send(.get, Self.path("nope", "/metadata"), token: token)
            #expect(unknown.errorCode == "BackupService.6200")
        }
    }
}
