import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Replication: copy_backup and copy_checkpoint to the other region's replication vault")
struct ReplicationTests {
    static let otherRegion = EmulatorAccount.other.projectName

    /// Creates a vault of `protectType` in the other account's project (the emulator's other region).
    static func destinationVault(
        _ emulator: EmulatorTestClient, token: String, protectType: String = "replication", objectType: String = "server"
    ) async throws -> String {
        let body = """
            {"vault": {"billing": {"consistent_level": "crash_consistent", "object_type": "\(objectType)", \
            "protect_type": "\(protectType)", "size": 100}, "name": "replicas", "resources": []}}
            """
        let response = try await emulator.send(.post, "/v3/\(Seeded.otherProject)/vaults", token: token, json: body)
        #expect(response.status == .ok)
        return try #require(response.dictionary("vault")["id"] as? String)
    }

    static func target(_ vault: String, region: String = otherRegion, project: String = Seeded.otherProject) -> String {
        #""destination_project_id": "\#(project)", "destination_region": "\#(region)", "destination_vault_id": "\#(vault)""#
    }

    static func copy(_ emulator: EmulatorTestClient, _ backup: String, _ fields: String, token: String)
        async throws -> JSONResponse
    {
        try await emulator.send(
            .post, BackupControllerTests.path(backup, "/replicate"), token: token, json: #"{"replicate": {\#(fields)}}"#
        )
    }

    static func replicas(_ emulator: EmulatorTestClient, token: String) async throws -> [[String: Any]] {
        let path = "/v3/\(Seeded.otherProject)/backups?image_type=replication"
        return try await emulator.send(.get, path, token: token)["backups"] as? [[String: Any]] ?? []
    }

    @Test("a copy is a replication task of the source project and a replication record of the source backup")
    func taskAndRecord() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (vault, backup, _) = try await BackupControllerTests.backedUp(emulator, token: token)
            let destination = try await Self.destinationVault(emulator, token: other)
            let none = try await emulator.send(.get, BackupControllerTests.path(backup), token: token)
            #expect((none.dictionary("backup")["replication_records"] as? [Any])?.isEmpty == true)

            let copied = try await Self.copy(emulator, backup, Self.target(destination) + #", "name": "dr_copy""#, token: token)
            let replica = try #require(copied.dictionary("replication")["replication_record_id"] as? String)
            let tasks = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=replication", token: token)
            let task = try #require((tasks["operation_logs"] as? [[String: Any]])?.first)
            #expect(tasks["count"] as? Int == 1)
            #expect(task["status"] as? String == "running")
            #expect(task["vault_id"] as? String == vault)
            let extra = try #require((task["extra_info"] as? [String: Any])?["replication"] as? [String: Any])
            #expect(extra["source_backup_id"] as? String == backup)
            #expect(extra["destination_backup_id"] as? String == replica)
            #expect(extra["destination_backup_name"] as? String == "dr_copy")
            #expect(extra["destination_project_id"] as? String == Seeded.otherProject)
            #expect(extra["destination_region"] as? String == Self.otherRegion)
            #expect(extra["source_region"] as? String == EmulatorAccount.demo.projectName)
            #expect((extra["destination_checkpoint_id"] as? String)?.isEmpty == false)

            var shown = try await emulator.send(.get, BackupControllerTests.path(backup), token: token)
            var records = shown.dictionary("backup")["replication_records"] as? [[String: Any]] ?? []
            #expect(records.map { $0["id"] as? String } == [replica])
            #expect(records.first?["status"] as? String == "replicating")
            #expect(records.first?["destination_vault_id"] as? String == destination)
            #expect(records.first?["vault_id"] as? String == vault)
            #expect(records.first?["destination_checkpoint_id"] as? String == extra["destination_checkpoint_id"] as? String)
            emulator.clock.advance(by: .seconds(10))
            shown = try await emulator.send(.get, BackupControllerTests.path(backup), token: token)
            records = shown.dictionary("backup")["replication_records"] as? [[String: Any]] ?? []
            #expect(records.first?["status"] as? String == "available")
            #expect((records.first?["extra_info"] as? [String: Any])?["progress"] as? Int == 100)
            let done = try await emulator.send(.get, "/v3/\(Seeded.project)/operation-logs?operation_type=replication", token: token)
            #expect((done["operation_logs"] as? [[String: Any]])?.first?["status"] as? String == "success")
            // Listings leave the records out; the destination project has no task.
            let listed = try await emulator.send(.get, "/v3/\(Seeded.project)/backups", token: token)
            #expect((listed["backups"] as? [[String: Any]])?.first?["replication_records"] == nil)
            let theirs = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/operation-logs?operation_type=replication", token: other)
            #expect(theirs["count"] as? Int == 0)
        }
    }

    @Test("copy_backup makes a replication backup in the destination vault; copy_checkpoint copies the rest")
    func replicate() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (vault, backup, children) = try await BackupControllerTests.backedUp(emulator, token: token)
            let destination = try await Self.destinationVault(emulator, token: other)

            let copied = try await Self.copy(emulator, backup, Self.target(destination) + #", "name": "dr_copy""#, token: token)
            #expect(copied.status == .ok)
            let replication = copied.dictionary("replication")
            #expect(replication["backup_id"] as? String == backup)
            #expect(replication["source_region"] as? String == EmulatorAccount.demo.projectName)
            #expect(replication["destination_region"] as? String == Self.otherRegion)
            #expect(replication["project_id"] as? String == Seeded.project)
            let record = try #require(replication["replication_record_id"] as? String)

            var replicas = try await Self.replicas(emulator, token: other)
            #expect(replicas.map { $0["id"] as? String } == [record])
            #expect(replicas.first?["status"] as? String == "protecting")
            #expect(replicas.first?["vault_id"] as? String == destination)
            #expect(replicas.first?["image_type"] as? String == "replication")
            #expect(replicas.first?["name"] as? String == "dr_copy")
            #expect((replicas.first?["children"] as? [[String: Any]])?.count == children.count)
            emulator.clock.advance(by: .seconds(10))
            replicas = try await Self.replicas(emulator, token: other)
            #expect(replicas.first?["status"] as? String == "available")
            let source = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?image_type=replication", token: token)
            #expect(source["count"] as? Int == 0)
            #expect(try await Self.copy(emulator, backup, Self.target(destination), token: token).errorCode == "BackupService.6120")

            // A second backup of the vault: copy_checkpoint copies it and skips the one already replicated.
            let second = try await emulator.checkpoint(vault: vault, token: token)
            #expect(second.status == .ok)
            emulator.clock.advance(by: .seconds(10))
            let checkpointCopy = #"{"replicate": {"vault_id": "\#(vault)", \#(Self.target(destination))}}"#
            let all = try await emulator.send(.post, "/v3/\(Seeded.project)/checkpoints/replicate", token: token, json: checkpointCopy)
            #expect(all.status == .ok)
            let listed = all.dictionary("replication")["backups"] as? [[String: Any]] ?? []
            #expect(listed.count == 1)
            #expect(listed.first?["backup_id"] as? String != backup)
            #expect(all.dictionary("replication")["vault_id"] as? String == vault)
            #expect(try await Self.replicas(emulator, token: other).count == 2)
            let again = try await emulator.send(.post, "/v3/\(Seeded.project)/checkpoints/replicate", token: token, json: checkpointCopy)
            #expect((again.dictionary("replication")["backups"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test("parameters (9900), then the backup (6200), the destination (1011, 6105, 6118), the backup's state (6119), the type (6102)")
    func errors() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (vault, backup, children) = try await BackupControllerTests.backedUp(emulator, token: token)
            let destination = try await Self.destinationVault(emulator, token: other)
            let missing = #""destination_project_id": "\#(Seeded.otherProject)", "destination_region": "\#(Self.otherRegion)""#
            #expect(try await Self.copy(emulator, "unknown", missing, token: token).errorCode == "BackupService.9900")
            let badName = Self.target(destination) + #", "name": "a b""#
            #expect(try await Self.copy(emulator, backup, badName, token: token).errorCode == "BackupService.9900")
            #expect(try await Self.copy(emulator, "unknown", Self.target(destination), token: token).errorCode == "BackupService.6200")
            let sameRegion = Self.target(destination, region: EmulatorAccount.demo.projectName)
            #expect(try await Self.copy(emulator, backup, sameRegion, token: token).errorCode == "BackupService.1011")
            let wrongProject = Self.target(destination, project: Seeded.project)
            #expect(try await Self.copy(emulator, backup, wrongProject, token: token).errorCode == "BackupService.1011")
            #expect(try await Self.copy(emulator, backup, Self.target(vault), token: token).errorCode == "BackupService.6105")
            let backupVault = try await Self.destinationVault(emulator, token: other, protectType: "backup")
            #expect(try await Self.copy(emulator, backup, Self.target(backupVault), token: token).errorCode == "BackupService.6118")
            let child = try #require(children.first)
            #expect(try await Self.copy(emulator, child, Self.target(destination), token: token).errorCode == "BackupService.6119")
            let diskVault = try await Self.destinationVault(emulator, token: other, objectType: "disk")
            #expect(try await Self.copy(emulator, backup, Self.target(diskVault), token: token).errorCode == "BackupService.6102")
            let noVault = #"{"replicate": {\#(Self.target(destination))}}"#
            let refused = try await emulator.send(.post, "/v3/\(Seeded.project)/checkpoints/replicate", token: token, json: noVault)
            #expect(refused.errorCode == "BackupService.9900")
        }
    }
}
