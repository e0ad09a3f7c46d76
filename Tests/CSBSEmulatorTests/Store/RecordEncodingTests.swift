@testable import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import GRDB
import Testing

@Suite("Records written without Encodable")
struct RecordEncodingTests {
    /// The columns a record writes.
    private static func columns(of record: some EncodableRecord) throws -> Set<String> {
        Set(try record.databaseDictionary.keys)
    }

    @Test("a backup writes every column of its table and reads back equal, optional fields set")
    func backupRoundTrip() async throws {
        let store = try EmulatorStore(storage: .memory)
        let backup = BackupPageCachesTests.sampleBackup()
        // Foreign keys off (outside a transaction, where the pragma has effect): no vault or checkpoint behind it.
        let (stored, tableColumns) = try await store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try backup.insert(db)
            return (
                try BackupRecord.fetchOne(db, key: backup.id),
                Set(try db.columns(in: "backup").map(\.name))
            )
        }
        #expect(stored == backup)
        #expect(try Self.columns(of: backup) == tableColumns)
        #expect(Set(BackupRecord.columnNames) == tableColumns)
    }

    @Test("a backup decodes by the positions of its columns in any result, extra and reordered columns included")
    func backupByPosition() async throws {
        let store = try EmulatorStore(storage: .memory)
        let backup = BackupPageCachesTests.sampleBackup()
        let decoded = try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try backup.insert(db)
            let statement = try db.makeStatement(sql: "SELECT rowid AS listingRowID, sourceBackupId AS x, * FROM backup")
            return (
                try BackupRecord.fetchAllByPosition(statement, arguments: []),
                try Row.fetchOne(db, sql: "SELECT name, id, createdAt, checkpointId FROM backup")
            )
        }
        #expect(decoded.0 == [backup])
        // A result without the required columns fails as GRDB's by-name decoding does.
        let partial = try #require(decoded.1)
        #expect(throws: (any Error).self) { try BackupRecord(row: partial) }
    }

    @Test("rows decoded one after another from a statement equal GRDB's decoding, texts repeated or not")
    func backupsFromAStatement() throws {
        let store = try EmulatorStore(storage: .memory)
        let texts = ["same", "same", "same2", "sam", "", "same", "sane", "é", "é"]
        let (byPosition, byGRDB) = try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for (index, text) in texts.enumerated() {
                var backup = BackupPageCachesTests.sampleBackup()
                backup.id = "b-\(index)"
                backup.name = text
                backup.description = texts[(index + 3) % texts.count]
                backup.resourceAz = index < 4 ? "az-1" : "az-12"
                try backup.insert(db)
            }
            // A text with a NUL inside, which GRDB reads up to the NUL, between two rows without one.
            try db.execute(sql: "UPDATE backup SET name = 'sa' || char(0) || 'me' WHERE id = 'b-1'")
            let statement = try db.makeStatement(sql: "SELECT * FROM backup ORDER BY rowid")
            return (
                try BackupRecord.fetchAllByPosition(statement, arguments: []),
                try BackupRecord.fetchAll(db, sql: "SELECT * FROM backup ORDER BY rowid")
            )
        }
        #expect(byPosition.count == texts.count)
        #expect(byPosition == byGRDB)
        #expect(byPosition.map(\.name) == ["same", "sa", "same2", "sam", "", "same", "sane", "é", "é"])
    }

    @Test("a task writes every column of its table and reads back equal, optional fields set")
    func taskRoundTrip() async throws {
        let store = try EmulatorStore(storage: .memory)
        let task = OperationLogRecord(
            id: "t-1", projectId: EmulatorAccount.demo.projectID, operationType: "replication", providerId: "p",
            vaultId: "v", vaultName: "vn", checkpointId: "c", policyId: "po", resourceId: "r", resourceName: "rn",
            resourceType: "OS::Nova::Server", backupId: "b", backupName: "bn", incremental: true,
            targetResourceId: "tr", targetResourceName: "trn", totalCount: 3, requestId: "q", startedAt: 5,
            finishesAt: 9, outcome: "failed", errorCode: "E", errorMessage: "m", expirationDay: "2026-01-02",
            replication: "{}"
        )
        let (stored, tableColumns) = try await store.writer.write { db in
            try task.insert(db)
            return (
                try OperationLogRecord.fetchOne(db, key: task.id),
                Set(try db.columns(in: "operationLog").map(\.name))
            )
        }
        #expect(stored == task)
        #expect(try Self.columns(of: task) == tableColumns)
    }

    @Test("the cached-statement inserts of backups and tasks store the same rows as GRDB's insert")
    func cachedInsertsMatchGRDB() async throws {
        let store = try EmulatorStore(storage: .memory)
        var backup = BackupPageCachesTests.sampleBackup()
        var task = OperationLogRecord(
            id: "t-1", projectId: EmulatorAccount.demo.projectID, operationType: "backup", providerId: "p",
            vaultId: nil, vaultName: "vn", checkpointId: "c", policyId: nil, resourceId: "r", resourceName: "rn",
            resourceType: "OS::Nova::Server", backupId: "b", backupName: "bn", incremental: false,
            targetResourceId: nil, targetResourceName: nil, totalCount: 0, requestId: "q", startedAt: 5,
            finishesAt: 9, outcome: "success", errorCode: "", errorMessage: ""
        )
        let rows = try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try backup.insert(db)
            try task.insert(db)
            backup.id += "-grdb"
            task.id += "-grdb"
            // The label picks GRDB's protocol method (persistence container, its own statement).
            try backup.insert(db, onConflict: nil)
            try task.insert(db, onConflict: nil)
            return (
                try Row.fetchAll(db, sql: "SELECT * FROM backup ORDER BY rowid"),
                try Row.fetchAll(db, sql: "SELECT * FROM operationLog ORDER BY rowid")
            )
        }
        for pair in [rows.0, rows.1] {
            try #require(pair.count == 2)
            let ours = Dictionary(uniqueKeysWithValues: pair[0].map { ($0.0, $0.1) }).filter { $0.key != "id" }
            let theirs = Dictionary(uniqueKeysWithValues: pair[1].map { ($0.0, $0.1) }).filter { $0.key != "id" }
            #expect(ours == theirs)
            #expect(ours.count == pair[0].count - 1)
        }
    }

    @Test("servers, disks and vault resources decode by name as they were stored, optional fields set and not")
    func inventoryRoundTrip() throws {
        let store = try EmulatorStore(storage: .memory)
        let project = EmulatorAccount.demo.projectID
        let server = ServerRecord(
            id: "s-1", projectId: project, name: "srv \"é\" 😀", status: "ACTIVE",
            availabilityZone: "az-1", tags: #"[{"key":"k","value":"v"}]"#
        )
        let disks = [
            DiskRecord(id: "d-1", projectId: project, serverId: "s-1", name: "sys", sizeGB: 40, usedMB: 7, bootable: true),
            DiskRecord(id: "d-2", projectId: project, serverId: nil, name: "loose", sizeGB: 1, usedMB: 0, bootable: false),
        ]
        let resources = [
            VaultResourceRecord(
                resourceId: "s-1", vaultId: "v-1", resourceType: "OS::Nova::Server", name: "n", sizeGB: 40,
                extraInfo: "{}", addedAt: 5, removingUntil: 9, autoProtect: false
            ),
            VaultResourceRecord(
                resourceId: "d-2", vaultId: "v-1", resourceType: "OS::Cinder::Volume", name: "m", sizeGB: 1,
                extraInfo: "{}", addedAt: 6
            ),
        ]
        let read = try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try server.insert(db)
            for disk in disks { try disk.insert(db) }
            for resource in resources { try resource.insert(db) }
            return (
                try ServerRecord.fetchOne(db, key: "s-1"),
                try DiskRecord.filter(keys: ["d-1", "d-2"]).order(Column.rowID).fetchAll(db),
                try VaultResourceRecord.order(Column.rowID).fetchAll(db)
            )
        }
        #expect(read.0 == server)
        #expect(read.1 == disks)
        #expect(read.2 == resources)
    }

    @Test("a file store's writer has the big page cache, its readers SQLite's default")
    func writerCache() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EmulatorStore(storage: .file(path: directory.appendingPathComponent("state.sqlite").path))
        let writer = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        let reader = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        #expect(writer == -EmulatorStore.writerCacheKiB)
        #expect(reader == -2000)
        // Statement journals (an update of backups fires the totals triggers) stay in memory.
        let tempStore = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") }
        #expect(tempStore == 2)
    }
}
