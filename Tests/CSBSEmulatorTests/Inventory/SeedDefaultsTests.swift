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
}
