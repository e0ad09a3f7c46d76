import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Testing

/// ``BackupLookup`` and ``BackupHandle`` called as a library, without the language, against the emulator over
/// HTTP: one handle whichever service holds the backup.
@Suite("Backup lookup and handle")
struct BackupLookupTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    /// A CSBS backup of the server and the ID of its backup record.
    private func csbsBackup(_ client: BackupClient) async throws -> (item: CSBSv1CheckpointItem, recordID: String) {
        let record = try await client.protectServer(id: Self.server, name: "db")
        let item = try #require(try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first)
        return (item, record.id)
    }

    /// Adds the server `id` to the vault `vaultID`.
    private func attach(_ id: String, to vaultID: String, _ client: BackupClient) async throws {
        _ = try await client.addResources(vaultID: vaultID, [ResourceReference(id: id, type: VaultObjectType.server.resourceType)])
    }

    @Test func aBackupOnlyCSBSKnowsYieldsACSBSHandle() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (item, recordID) = try await csbsBackup(client)
            let lookup = BackupLookup(client: client)
            // By its backup ID and by the ID of its record (which holds only it)
            for id in [item.id, recordID] {
                let handle = try await lookup.find(id)
                guard case .csbs(let found) = handle else {
                    Issue.record("\(id) gave \(handle)")
                    continue
                }
                #expect(found.id == item.id && handle.service == "csbs" && handle.noun == "CSBS backup")
            }
        }
    }

    @Test func aCBRBackupYieldsACBRHandle() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            try await attach(Self.server, to: vault.id, client)
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: CheckpointParameters())
            _ = try await client.waitForCheckpoint(id: checkpoint.id)
            let backup = try #require(try await client.listBackups(BackupQuery(vaultID: vault.id)).backups.first)
            let handle = try await BackupLookup(client: client).find(backup.id)
            guard case .cbr(let found) = handle else {
                Issue.record("\(backup.id) gave \(handle)")
                return
            }
            #expect(found.id == backup.id && handle.service == "cbr" && handle.noun == "backup")
        }
    }

    /// A restore point's ID (what `backup` gives) stands for its backup when it holds one: `restore backup $cp.id`
    /// said that no checkpoint had the ID. Holding several, the error names them.
    @Test func aRestorePointIDNamesItsOnlyBackupOrListsItsBackups() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            try await attach(Self.server, to: vault.id, client)
            let single = try await client.createCheckpoint(vaultID: vault.id, parameters: CheckpointParameters())
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: single.id)).backups.first)
            let handle = try await BackupLookup(client: client).find(single.id)
            #expect(handle == .cbr(backup))

            _ = try await client.waitForCheckpoint(id: single.id)
            let second = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"
            try await attach(second, to: vault.id, client)
            let both = try await client.createCheckpoint(vaultID: vault.id, parameters: CheckpointParameters())
            let error = try await #require(throws: BackupLookupError.self) {
                try await BackupLookup(client: client).find(both.id)
            }
            guard case .checkpointHoldsSeveral(let id, let backupIDs, let count) = error else {
                Issue.record("\(error)")
                return
            }
            let listed = try await client.listBackups(BackupQuery(checkpointID: both.id)).backups.map(\.id)
            #expect(id == both.id && count == 2 && Set(backupIDs) == Set(listed))
        }
    }

    /// A service that refuses the `checkpoint_id` listing (400) has said nothing about a restore point: the look-up
    /// goes on to CSBS and ends as it did before it asked.
    @Test func aRefusedRestorePointListingIsNoRestorePoint() async throws {
        try await withEmulator { emulator in
            _ = await emulator.control.addFault(try FaultRule(spec: "list_backups:status=400,code=BackupService.6201,count=1"))
            let error = try await #require(throws: BackupLookupError.self) {
                try await BackupLookup(client: emulator.client()).find("00000000-0000-4000-8000-000000000001")
            }
            guard case .notFound(_, let codes, _, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(codes.last == "CSBS.3001")
        }
    }

    @Test func anIDNeitherServiceKnowsIsNotFoundWithBothCodes() async throws {
        try await withEmulator { emulator in
            let lookup = BackupLookup(client: emulator.client())
            let error = try await #require(throws: BackupLookupError.self) {
                try await lookup.find("00000000-0000-4000-8000-000000000001")
            }
            guard case .notFound(_, let codes, let underlying, let csbsMissing) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(!csbsMissing && codes.count == 2 && codes.last == "CSBS.3001" && underlying.code == "CSBS.3001")
        }
    }

    @Test func aCSBSHandleWaitsDeletesAndIsThenGone() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (item, _) = try await csbsBackup(client)
            let handle = BackupHandle.csbs(item)
            #expect(try await handle.waitUntilDone(policy: .default, on: client) { _, _, _, _ in } == "available")
            let plan = try await handle.planRestore(onto: nil, powerOn: true, on: client)
            #expect(plan.targetID == Self.server)
            try await handle.delete(on: client)
            try await handle.waitForDeletion(policy: .default, on: client) { _, _, _, _ in }
            await #expect(throws: BackupLookupError.self) { try await BackupLookup(client: client).find(item.id) }
        }
    }

    @Test func aRestoreOntoAnUnknownServerIsRefusedBeforeAnythingIsSent() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (item, _) = try await csbsBackup(client)
            let error = try await #require(throws: BackupRestoreError.self) {
                try await BackupHandle.csbs(item).planRestore(
                    onto: "00000000-0000-4000-8000-00000000beef", powerOn: false, on: client
                )
            }
            guard case .noSuchServer(let id) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(id == "00000000-0000-4000-8000-00000000beef")
        }
    }
}
