import GRDB

extension EmulatorStore {
    /// Runs `body`, which only reads, on the current state.
    ///
    /// The in-memory store is one `DatabaseQueue` connection on which every access is serialised, so `body` sees
    /// one consistent state without a transaction. It runs without GRDB's read-only guard on purpose: that guard
    /// toggles `PRAGMA query_only`, and SQLite expires every prepared statement of the connection on a flag pragma,
    /// so each read would make all cached statements compile again at their next use (most of a request's CPU).
    /// It also runs on the calling thread (see ``writeState(_:)``).
    /// A file store (`DatabasePool`) reads in a read transaction on a read-only connection, as before.
    func readState<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let queue = writer as? DatabaseQueue {
            return try Self.onThisThread(queue) { try $0.unsafeRead(body) }
        }
        return try await writer.read(body)
    }

    /// Runs `body` in one write transaction.
    ///
    /// On the in-memory store it runs on the calling thread, waiting for the connection if another request holds
    /// it: its accesses take microseconds, far less than handing the work to GRDB's queue and back, which was two
    /// thread switches per access and a fifth of the emulator's CPU per request. The wait never depends on other
    /// tasks (`body` is synchronous), so it cannot deadlock. A file store writes through GRDB's queue, as before.
    ///
    /// Every write transaction raises the state version (``raiseStateVersion(in:)``) before it commits.
    func writeState<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        if let queue = writer as? DatabaseQueue {
            return try Self.onThisThread(queue) { queue in
                try queue.write { db in
                    let result = try body(db)
                    try Self.raiseStateVersion(in: db)
                    return result
                }
            }
        }
        return try await writer.write { db in
            let result = try body(db)
            try Self.raiseStateVersion(in: db)
            return result
        }
    }

    /// The state version: a number in the database file (SQLite's `user_version` header field, which nothing else
    /// uses) that every write transaction raises, in any process. A read sees the version of its own snapshot, so
    /// an answer cached at one version is valid exactly while a read sees that version again — also when another
    /// process (`csbs serve` and an embedded emulator can share a `--db` file) wrote in between, which a
    /// transaction observer of this process never hears of.
    static func stateVersion(in db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA user_version")) ?? 0)
    }

    /// Raises the state version inside the caller's write transaction (it wraps within SQLite's 32-bit field).
    static func raiseStateVersion(in db: Database) throws {
        let next = (try stateVersion(in: db) + 1) & 0x7fff_ffff
        // A pragma takes no argument: the number is written into the statement, which is why it is not cached.
        try db.execute(sql: "PRAGMA user_version = \(next)")
    }

    /// Calls GRDB's synchronous accessors from a synchronous context (in an async one the compiler picks the
    /// asynchronous overloads, which hop to GRDB's queue).
    private static func onThisThread<T>(_ queue: DatabaseQueue, _ access: (DatabaseQueue) throws -> T) throws -> T {
        try access(queue)
    }
}
