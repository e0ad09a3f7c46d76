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

    @Test("a vault's usage per resource and a checkpoint's earlier backups are summed from the history index alone")
    func historySumsAreCovered() async throws {
        // Given a migrated store
        let store = try EmulatorStore(storage: .memory)
        // When SQLite plans the grouped scan every create_checkpoint runs, and show_checkpoint's earlier backups
        let usage = try await Self.plan(EmulatorStore.resourceUsageSQL, names: ["vault", "now"], in: store)
        let earlier = try await Self.plan(
            EmulatorStore.earlierBackupsSQL, names: ["vault", "checkpoint", "before", "now"], in: store
        )
        // Then neither reads a table row per backup (the cost of seeding grows with the vault's history), and the
        // scan needs no sorter to group by resource
        #expect(usage.contains { $0.contains("COVERING INDEX backup_history (vaultId=?)") })
        #expect(!usage.contains { $0.contains("TEMP B-TREE") })
        #expect(earlier.contains { $0.contains("COVERING INDEX backup_history (vaultId=? AND resourceId=?") })
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
            try backup.insert(db)
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
