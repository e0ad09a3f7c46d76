@testable import CSBSEmulator
import GRDB
import Testing

@Suite("Store indexes at scale")
struct EmulatorStoreIndexTests {
    /// The `detail` lines of SQLite's plan for `sql`, whose named arguments are all given `value`.
    private static func plan(_ sql: String, names: [String], in store: EmulatorStore) async throws -> [String] {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for name in names { values[name] = "x" }
        let arguments = StatementArguments(values)
        return try await store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test("a vault's usage, latest statuses and a checkpoint's earlier backups read ranges, never the whole history")
    func historyReadsAreRanges() async throws {
        // Given a migrated store
        let store = try EmulatorStore(storage: .memory)
        // When SQLite plans the corrections every create_checkpoint reads, the newest backups of vault details and
        // show_checkpoint's backups made since the checkpoint
        let corrections = try await Self.plan(EmulatorStore.usageCorrectionsSQL, names: ["vault", "now"], in: store)
        let newest = try await Self.plan(EmulatorStore.newestBackupsSQL, names: ["vault", "now"], in: store)
        let since = try await Self.plan(EmulatorStore.heldSinceSQL, names: ["vault", "since", "now"], in: store)
        // Then each is a range of an index (the cost of seeding no longer grows with the vault's history), and the
        // newest backups come in index order, without a sorter
        #expect(corrections.contains { $0.contains("INDEX backup_finishesAt (finishesAt>?)") })
        #expect(corrections.contains { $0.contains("COVERING INDEX backup_history (vaultId=? AND createdAt>?)") })
        #expect(corrections.contains { $0.contains("INDEX backup_restoringUntil (restoringUntil>?)") })
        #expect(corrections.contains { $0.contains("INTEGER PRIMARY KEY (rowid=?)") })
        #expect(!corrections.contains { $0.hasPrefix("SCAN") })
        #expect(newest.contains { $0.contains("COVERING INDEX backup_history (vaultId=?)") })
        #expect(!newest.contains { $0.contains("TEMP B-TREE") })
        #expect(since.contains { $0.contains("COVERING INDEX backup_history (vaultId=? AND createdAt>?)") })
    }

    @Test("a checkpoint's inserts land at the end of the history index: creation time before resource")
    func historyIsOrderedByTime() async throws {
        let store = try EmulatorStore(storage: .memory)
        let columns = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('backup_history') ORDER BY seqno")
        }
        #expect(Array(columns.prefix(3)) == ["vaultId", "createdAt", "resourceId"])
    }

    @Test("one history index, of top-level backups only")
    func historyIndexSkipsDiskBackups() async throws {
        let store = try EmulatorStore(storage: .memory)
        let definitions = try await store.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('backup_history', 'backup_finishing')"
            )
        }
        #expect(definitions.count == 1)
        #expect(definitions.allSatisfy { $0.hasSuffix("WHERE parentId IS NULL") })
    }

    @Test("a database of the schema before the merged history index opens, its backups indexed")
    func historyMigration() throws {
        let queue = try DatabaseQueue()
        try EmulatorMigrations.migrator.migrate(queue, upTo: "v18-top-level-history")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            var backup = BackupPageCachesTests.sampleBackup()
            backup.finishesAt = 50
            backup.parentId = nil
            backup.deletingUntil = nil
            // The bare insert: that schema has no totals to count it in.
            try StoredColumns.insert(backup, with: BackupRecord.insertSQL, in: db)
        }
        try EmulatorMigrations.migrator.migrate(queue)
        let (indexes, protecting) = try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'backup_%ing' OR name = 'backup_history'"),
                try EmulatorStore.resourceUsage(of: BackupPageCachesTests.sampleBackup().vaultId, at: 10, in: db)[
                    BackupPageCachesTests.sampleBackup().resourceId
                ]?.protecting
            )
        }
        #expect(Set(indexes) == ["backup_history", "backup_listing", "backup_expiring"])
        #expect(protecting == true)
    }
}
