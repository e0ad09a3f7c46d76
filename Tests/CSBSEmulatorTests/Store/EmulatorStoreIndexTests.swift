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

    @Test("a vault's usage and a checkpoint's earlier backups are summed from the history index alone")
    func historySumsAreCovered() async throws {
        // Given a migrated store
        let store = try EmulatorStore(storage: .memory)
        // When SQLite plans the two sums every create_checkpoint runs
        let usage = try await Self.plan(EmulatorStore.vaultUsageSQL, names: ["vault", "now"], in: store)
        let earlier = try await Self.plan(
            EmulatorStore.earlierBackupsSQL, names: ["vault", "checkpoint", "before", "now"], in: store
        )
        // Then neither reads a table row per backup (the cost of seeding grows with the vault's history)
        #expect(usage.contains { $0.contains("COVERING INDEX backup_history") })
        #expect(earlier.contains { $0.contains("COVERING INDEX backup_history (vaultId=? AND resourceId=?") })
    }

    @Test("the history indexes hold top-level backups only")
    func historyIndexesSkipDiskBackups() async throws {
        let store = try EmulatorStore(storage: .memory)
        let definitions = try await store.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('backup_history', 'backup_finishing')"
            )
        }
        #expect(definitions.count == 2)
        #expect(definitions.allSatisfy { $0.hasSuffix("WHERE parentId IS NULL") })
    }
}
