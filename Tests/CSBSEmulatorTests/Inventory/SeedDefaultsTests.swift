import CSBSEmulatorInterface
import Foundation
import GRDB
import Testing

@testable import CSBSEmulator

/// Opening a store seeds the default accounts and inventory only when some of it is missing.
@Suite struct SeedDefaultsTests {
    @Test func aFileOpenedAgainKeepsItsSeedAndGetsBackARemovedRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let disk = try #require(SeedInventory.disks(projectID: SeedAccount.all[0].account.projectID).first)
        do {
            let store = try EmulatorStore(storage: .file(path: path))
            let seeded = try store.writer.read(EmulatorStore.holdsSeedDefaults)
            #expect(seeded)
            // A seeded disk removed (and a seeded server renamed) while the emulator is stopped
            let stillSeeded = try store.writer.write { db in
                try db.execute(sql: "DELETE FROM disk WHERE id = ?", arguments: [disk.id])
                try db.execute(sql: "UPDATE server SET name = 'renamed' WHERE id = ?", arguments: [disk.serverId])
                return try EmulatorStore.holdsSeedDefaults(db)
            }
            #expect(!stillSeeded)
        }
        let reopened = try EmulatorStore(storage: .file(path: path))
        let (seeded, diskID, serverName) = try reopened.writer.read { db in
            (
                try EmulatorStore.holdsSeedDefaults(db),
                try String.fetchOne(db, sql: "SELECT id FROM disk WHERE id = ?", arguments: [disk.id]),
                try String.fetchOne(db, sql: "SELECT name FROM server WHERE id = ?", arguments: [disk.serverId])
            )
        }
        #expect(seeded)
        #expect(diskID == disk.id)
        // Rows that are there are left alone, as the inserts always did.
        #expect(serverName == "renamed")
    }

    /// The access keys are seeded by the control layer at every start: with all of them there and no declared
    /// inventory, nothing is written (not even the state version); a removed key comes back.
    @Test func controlledSeedingWritesOnlyWhatIsMissing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EmulatorStore(storage: .file(path: directory.appendingPathComponent("state.sqlite").path))
        let key = try #require(SeedAccount.all.map(\.account.accessKeyID).first { !$0.isEmpty })
        func state() throws -> (version: UInt64, keys: Int) {
            try store.writer.read { db in
                (try EmulatorStore.stateVersion(in: db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accessKey") ?? 0)
            }
        }
        try store.seedControlled(inventory: nil)
        let seeded = try state()
        #expect(seeded.keys > 0)
        try store.seedControlled(inventory: nil)
        #expect(try state() == seeded)
        try store.writer.write { db in try db.execute(sql: "DELETE FROM accessKey WHERE id = ?", arguments: [key]) }
        try store.seedControlled(inventory: nil)
        let restored = try state()
        #expect(restored.keys == seeded.keys)
        #expect(restored.version != seeded.version)
    }
}
