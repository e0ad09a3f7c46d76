@testable import CSBSEmulator
import CSBSClient
import Foundation
import GRDB
import HTTPTypes
import Testing

@Suite("Checkpoint inputs: one read of the vault for a checkpoint's checks and answer")
struct CheckpointInputsTests {
    /// A vault of both seed servers at several stages: one backup of each available, a second of the first server
    /// protecting, then that one restoring while the second server's first backup is being deleted.
    private static func scenario(
        _ emulator: EmulatorTestClient, token: String, check: (String) async throws -> Void
    ) async throws {
        let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
        try await check(vault)
        emulator.clock.advance(by: .seconds(10))
        let first = try await emulator.checkpoint(vault: vault, token: token)
        let firstID = try #require(first.dictionary("checkpoint")["id"] as? String)
        try await check(vault)
        emulator.clock.advance(by: .seconds(10))
        _ = try await emulator.checkpoint(vault: vault, resources: [Seeded.server], token: token)
        try await check(vault)
        emulator.clock.advance(by: .seconds(10))
        try await restoreFirstDeleteSecond(emulator, checkpoint: firstID, token: token)
        try await check(vault)
        emulator.clock.advance(by: .seconds(30))
        try await check(vault)
    }

    /// Runs `body` against an emulator with ``BackupControllerTests/durations`` whose state is a file at the path
    /// given (in a temporary directory, removed afterwards), so that the test can open it as a second store.
    static func runOnFile(_ body: @Sendable (EmulatorTestClient, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations, storage: .file(path: path)) {
            emulator in try await body(emulator, path)
        }
    }

    /// Restores the seed server's backup of `checkpoint` in place and deletes the second server's.
    static func restoreFirstDeleteSecond(
        _ emulator: EmulatorTestClient, checkpoint firstID: String, token: String
    ) async throws {
        let backups = try await emulator.backups(checkpoint: firstID, token: token)
        let serverBackup = try #require(backups.first { $0["resource_id"] as? String == Seeded.server }?["id"] as? String)
        let otherBackup = try #require(
            backups.first { $0["resource_id"] as? String == Seeded.secondServer }?["id"] as? String
        )
        let body = try await BackupControllerTests.inPlace(emulator, backup: serverBackup, token: token)
        let restored = try await emulator.send(
            .post, BackupControllerTests.path(serverBackup, "/restore"), token: token, json: body
        )
        #expect(restored.status == .accepted)
        let deleted = try await emulator.send(.delete, BackupControllerTests.path(otherBackup), token: token)
        #expect(deleted.status == .noContent || deleted.status == .ok)
    }

    @Test("a checkpoint's create answer is its show answer at the same time (no resource, skips, earlier backups)")
    func createAnswersAsShow() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            try await Self.scenario(emulator, token: token) { vault in
                let created = try await emulator.checkpoint(vault: vault, resources: [Seeded.secondServer], token: token)
                guard created.status == .ok else {
                    // Refused (still being backed up): the refusal is what it was before the inputs were read once.
                    #expect(created.errorCode == "BackupService.1001")
                    return
                }
                let id = try #require(created.dictionary("checkpoint")["id"] as? String)
                let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/checkpoints/\(id)", token: token)
                #expect(NSDictionary(dictionary: created.dictionary("checkpoint"))
                    == NSDictionary(dictionary: shown.dictionary("checkpoint")))
            }
        }
    }

    @Test("the inputs agree with each backup's own status and with the per-resource look-ups they replace")
    func inputsMatchTheRecords() async throws {
        try await Self.runOnFile { emulator, path in
            let token = try await emulator.token()
            try await Self.scenario(emulator, token: token) { vault in
                let now = WireTime.micros(emulator.clock.date)
                let store = try EmulatorStore(storage: .file(path: path))
                try await store.writer.read { db in try Self.checkInputs(vault: vault, at: now, in: db) }
            }
        }
    }

    private static func checkInputs(vault id: String, at now: Int64, in db: Database) throws {
        let vault = try #require(try VaultRecord.fetchOne(db, key: id))
        let members = try EmulatorStore.members(of: id, in: db)
        let inputs = try EmulatorStore.CheckpointInputs(vault: vault, members: members, at: now, in: db)
        let backups = try BackupRecord.filter(Column("vaultId") == id && Column("parentId") == nil).fetchAll(db)
        #expect(inputs.usedMB == (try EmulatorStore.usedMB(vaultID: id, at: now, in: db)))
        #expect(inputs.usedMB == backups.filter { $0.occupiesSpace(at: now) }.reduce(0) { $0 + $1.sizeMB })
        for member in members {
            let own = backups.filter { $0.resourceId == member.resourceId }
            let held = own.filter { $0.occupiesSpace(at: now) }
            let earlier = held.filter { $0.createdAt < now }
            #expect(inputs.holdsData(member.resourceId) == !held.isEmpty)
            #expect(inputs.usage[member.resourceId]?.earlier ?? ResourceHistory()
                == ResourceHistory(count: earlier.count, sizeMB: earlier.reduce(0) { $0 + $1.sizeMB }))
            let protecting = own.contains { $0.status(at: now) == "protecting" }
            #expect((inputs.skippedIfProtecting(member) != nil) == protecting)
            #expect(inputs.restoring.contains(member.resourceId)
                == (try EmulatorStore.runningRestore(
                    target: member.resourceId, projectID: vault.projectId, now: now, in: db
                )))
            #expect(inputs.resources[member.resourceId]
                == (try ProtectableResource.find(
                    id: member.resourceId, type: member.resourceType, projectID: vault.projectId, in: db
                )))
        }
    }

    @Test("a vault's servers and volumes are found as one by one, disks in order, strangers left out")
    func vaultLookupMatchesFind() async throws {
        // Given the vault of `BackupPageCachesTests` (no backups) holding two servers, a volume and a stranger
        let store = try BackupPageCachesTests.store(count: 0)
        let project = Seeded.project
        let vault = "vault-1"
        try await store.writer.write { db in
            try ServerRecord(id: "s1", projectId: project, name: "one", status: "ACTIVE", availabilityZone: "az")
                .insert(db)
            try ServerRecord(id: "s2", projectId: project, name: "two", status: "SHUTOFF", availabilityZone: "az2")
                .insert(db)
            for (disk, server, name, bootable) in [
                ("d1", "s1", "b", false), ("d2", "s1", "a", false), ("d3", "s1", "z", true), ("d4", "s1", "a", false),
                ("d5", nil, "free", false),
            ] as [(String, String?, String, Bool)] {
                try DiskRecord(
                    id: disk, projectId: project, serverId: server, name: name, sizeGB: 10, usedMB: 100, bootable: bootable
                ).insert(db)
            }
            for (resource, type) in [("s1", Seeded.serverType), ("s2", Seeded.serverType), ("d5", Seeded.volumeType),
                                     ("gone", Seeded.serverType)] {
                try VaultResourceRecord(
                    resourceId: resource, vaultId: vault, resourceType: type, name: resource, sizeGB: 10,
                    extraInfo: "{}", addedAt: 0
                ).insert(db)
            }
        }
        try await store.writer.read { db in
            let members = try EmulatorStore.members(of: vault, in: db)
            let found = try ProtectableResource.findAll(members, vaultID: vault, projectID: project, in: db)
            #expect(found.count == 3)
            #expect(found["s1"]?.disks.map(\.id) == ["d3", "d2", "d4", "d1"])
            for member in members {
                #expect(found[member.resourceId]
                    == (try ProtectableResource.find(
                        id: member.resourceId, type: member.resourceType, projectID: project, in: db
                    )))
            }
        }
    }
}
