import GRDB

extension EmulatorStore {
    /// Runs `body`, which only reads, on the current state.
    ///
    /// The in-memory store is one `DatabaseQueue` connection on which every access is serialised, so `body` sees
    /// one consistent state without a transaction. It runs without GRDB's read-only guard on purpose: that guard
    /// toggles `PRAGMA query_only`, and SQLite expires every prepared statement of the connection on a flag pragma,
    /// so each read would make all cached statements compile again at their next use (most of a request's CPU).
    /// A file store (`DatabasePool`) reads in a read transaction on a read-only connection, as before.
    func readState<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let queue = writer as? DatabaseQueue {
            return try await queue.unsafeRead(body)
        }
        return try await writer.read(body)
    }
}
