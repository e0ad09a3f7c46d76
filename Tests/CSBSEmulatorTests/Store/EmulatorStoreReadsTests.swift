@testable import CSBSEmulator
import GRDB
import GRDBSQLite
import Testing

@Suite("Store reads keep cached statements compiled")
struct EmulatorStoreReadsTests {
    /// How many times SQLite compiled `sql`'s cached statement again since it was first prepared.
    private static func reprepares(_ sql: String, in db: Database) throws -> Int32 {
        sqlite3_stmt_status(try db.cachedStatement(sql: sql).sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0)
    }

    @Test("a read between two writes does not make the writes' cached statements compile again")
    func readKeepsStatements() async throws {
        // Given an in-memory store whose write has run a cached statement once
        let store = try EmulatorStore(storage: .memory)
        let sql = "SELECT COUNT(*) FROM vault WHERE projectId = ?"
        try await store.writer.write { db in _ = try Int.fetchOne(db.cachedStatement(sql: sql), arguments: ["p"]) }
        // When a read runs, then the write runs the statement again
        _ = try await store.readState { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vault") }
        let count = try await store.writer.write { db in
            _ = try Int.fetchOne(db.cachedStatement(sql: sql), arguments: ["p"])
            return try Self.reprepares(sql, in: db)
        }
        // Then SQLite ran the compiled statement as it was (GRDB's read-only guard, `PRAGMA query_only`, would
        // have expired it)
        #expect(count == 0)
    }
}
