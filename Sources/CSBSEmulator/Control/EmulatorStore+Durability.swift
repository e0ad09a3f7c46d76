import GRDB

extension EmulatorStore {
    /// Makes every acknowledged write durable: with the WAL journal, `synchronous = FULL` syncs the log at
    /// each commit, so neither a killed process nor a power cut loses a transaction whose response was sent.
    /// (The store has one connection, so the setting holds for every later write.)
    func requireDurableCommits() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
    }

    /// The connection's `synchronous` level (2 = FULL), for tests.
    func synchronousLevel() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The journal mode (`wal` for a file store), for tests.
    func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
