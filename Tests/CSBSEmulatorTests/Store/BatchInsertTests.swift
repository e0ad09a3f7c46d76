@testable import CSBSEmulator
import GRDB
import Testing

@Suite("Many rows per insert statement")
struct BatchInsertTests {
    /// `count` backups, every second one a disk backup of the one before it.
    private static func backups(_ count: Int) -> [BackupRecord] {
        (0..<count).map { index in
            var backup = BackupPageCachesTests.sampleBackup()
            backup.id = "b-\(index)"
            backup.parentId = index % 2 == 1 ? "b-\(index - 1)" : nil
            backup.sizeMB = index
            backup.restoringUntil = index % 3 == 0 ? nil : backup.restoringUntil
            return backup
        }
    }

    @Test(
        "a batch stores its rows as one-row inserts do, in order, whatever is left over",
        arguments: [0, 1, BatchInsert<BackupRecord>.rowsPerStatement, 2 * BatchInsert<BackupRecord>.rowsPerStatement + 5]
    )
    func batchMatchesSingleRows(count: Int) throws {
        let records = Self.backups(count)
        let store = try EmulatorStore(storage: .memory)
        let (stored, violations) = try store.writer.writeWithoutTransaction { db in
            // Foreign keys off (outside a transaction, where the pragma has effect): no vault or checkpoint behind
            // them; each disk backup's parent is checked below.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            var batch = try BatchInsert<BackupRecord>(in: db)
            for record in records { try batch.insert(record) }
            try batch.finish()
            return (
                try BackupRecord.fetchAll(db, sql: "SELECT * FROM backup ORDER BY rowid"),
                try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_check('backup') WHERE parent = 'backup'")
            )
        }
        #expect(stored == records)
        #expect(violations.isEmpty)
    }

    @Test("counted many per statement, backups add up in backupTotals as counted one by one")
    func countsMatchSingleRows() throws {
        // Top-level backups of 70 resources, the first 60 twice, some planned to fail; one disk backup and one
        // being deleted, which the totals leave out.
        var records: [BackupRecord] = []
        for round in 0..<2 {
            for index in 0..<(round == 0 ? 70 : 60) {
                var backup = BackupPageCachesTests.sampleBackup()
                backup.parentId = nil
                backup.deletingUntil = nil
                backup.resourceId = "r-\(index)"
                backup.outcome = index % 7 == 0 ? "error" : "available"
                backup.sizeMB = 10 * index + round
                records.append(backup)
            }
        }
        var child = BackupPageCachesTests.sampleBackup()
        child.deletingUntil = nil
        var deleting = BackupPageCachesTests.sampleBackup()
        deleting.parentId = nil
        records += [child, deleting]
        let counted = records
        let totals = { (batched: Bool) throws -> [Row] in
            let store = try EmulatorStore(storage: .memory)
            return try store.writer.write { db in
                if batched {
                    var batch = try BatchInsert<BackupCount>(in: db)
                    for record in counted { if let count = BackupCount(record) { try batch.insert(count) } }
                    try batch.finish()
                } else {
                    let statement = try db.makeStatement(sql: BackupRecord.countSQL)
                    for record in counted { try record.count(using: statement) }
                }
                return try Row.fetchAll(db, sql: "SELECT * FROM backupTotals ORDER BY vaultId, resourceId")
            }
        }
        let batched = try totals(true)
        #expect(batched.count == 70)
        #expect(batched == (try totals(false)))
        #expect(batched.first { $0["resourceId"] == "r-1" }?["availableMB"] == 21 as Int)
    }

    @Test("the multi-row SQL lists the columns once and one group of placeholders per row")
    func multiRowSQL() {
        #expect(
            StoredColumns.insertSQL(into: "t", columns: ["a", "b"], rows: 3)
                == "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)"
        )
        #expect(StoredColumns.insertSQL(into: "t", columns: ["a"]) == "INSERT INTO t (a) VALUES (?)")
    }
}
