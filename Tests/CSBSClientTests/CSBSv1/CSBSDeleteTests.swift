import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

@Suite("CSBS v1 client: deleting a backup")
struct CSBSDeleteTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    @Test("a second delete of a backup already deleting is done (a lost answer's retry), not CSBS.2003")
    func deleteTwice() async throws {
        try await withEmulator { emulator in
            // Given an available backup
            let client = emulator.client()
            let record = try await client.protectServer(id: Self.server, name: "twice")
            let item = try #require(
                try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first
            )
            _ = try await client.waitForCheckpointItem(id: item.id)
            // When it is deleted, and the deletion is sent again while it runs
            try await client.deleteCSBSBackup(checkpointID: record.id, itemID: item.id)
            #expect(try await client.showCheckpointItem(id: item.id).status == "deleting")
            try await client.deleteCSBSBackup(checkpointID: record.id, itemID: item.id)
            // Then both succeed and the backup goes away
            try await client.waitForCheckpointItemDeletion(id: item.id)
            #expect(try await client.countCheckpointItems() == 0)
        }
    }

    @Test("a backup still being made cannot be deleted (CSBS.2003)")
    func busy() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let record = try await client.protectServer(id: Self.server, name: "busy")
            let item = try #require(
                try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first
            )
            let error = try await #require(throws: ClientError.self) {
                try await client.deleteCSBSBackup(checkpointID: record.id, itemID: item.id)
            }
            #expect(error.code == "CSBS.2003")
            #expect(try await client.showCheckpointItem(id: item.id).status == "protecting")
        }
    }
}
