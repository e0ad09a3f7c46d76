import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

@Suite("CSBS v1 client: check_restorable against the emulator")
struct CSBSRestorabilityTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    @Test("the verdict follows the backup's status and the target's disks")
    func verdicts() async throws {
        try await withEmulator { emulator in
            // Given a backup of the seed server, still protecting
            let client = emulator.client()
            let record = try await client.protectServer(id: Self.server, name: "check")
            let item = try #require(
                try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first
            )
            let ownDisks = item.volumeBackups.compactMap { volume in
                volume.sourceVolumeID.map { CSBSv1VolumeMapping(backupID: volume.id, volumeID: $0) }
            }
            #expect(ownDisks.count == 2)

            // Then it cannot be restored yet, with the restore's code
            let early = try await client.checkRestorable(itemID: item.id, serverID: Self.server, volumes: ownDisks)
            #expect(!early.result)
            #expect(early.errorCode == "CSBS.4000")
            #expect(early.errorMessage?.isEmpty == false)

            // When it is available, it can be restored onto its own disks
            _ = try await client.waitForCheckpointItem(id: item.id)
            let ready = try await client.checkRestorable(itemID: item.id, serverID: Self.server, volumes: ownDisks)
            #expect(ready == CSBSv1Restorability(itemID: item.id, result: true))

            // But not onto a server that does not exist
            let nowhere = try await client.checkRestorable(
                itemID: item.id, serverID: "00000000-0000-4000-8000-000000000009", volumes: ownDisks
            )
            #expect(!nowhere.result && nowhere.errorCode == "CSBS.6000")
        }
    }
}
