import GRDB
import NIOCore

extension EmulatorStore {
    /// A read route's response body from the cache, or rendered by `render` and cached.
    ///
    /// An entry is served only while no write has committed since it was rendered and `now` is before the
    /// earliest stored transition time after its rendering (when a derived status would change by itself).
    /// The version is read before rendering: a write that lands during rendering leaves a stale entry that is
    /// never served, never a stale answer. Errors thrown by `render` are not cached. A file store renders every
    /// time (see ``StoreCaches``).
    ///
    /// - Parameters:
    ///   - key: The project, route and parameters the body depends on (besides the state and the clock).
    ///   - now: The emulator time the body is rendered for.
    ///   - render: Reads the state at `now` and writes the body.
    /// - Returns: The body.
    func cachedResponse(
        _ key: ResponseCache.Key,
        at now: Int64,
        render: () async throws -> ByteBuffer
    ) async throws -> ByteBuffer {
        guard caches.isEnabled else { return try await render() }
        let version = caches.version.current
        if let body = caches.responses.body(for: key, version: version, at: now) { return body }
        let body = try await render()
        let until = try await readState { db in try Self.nextTransition(after: now, in: db) }
        caches.responses.store(body, for: key, version: version, from: now, until: until ?? .max)
        return body
    }

    /// The earliest stored time after `now` at which something a CBR read shows changes by itself: a backup or
    /// checkpoint finishing, a restore or deletion ending, a resource removal ending, a task finishing, a policy
    /// run or retention pass falling due, a manual backup expiring; `nil` when nothing is pending. One index seek per
    /// column.
    static func nextTransition(after now: Int64, in db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                SELECT MIN(t) FROM (
                    SELECT MIN(finishesAt) AS t FROM backup WHERE finishesAt > :now
                    UNION ALL SELECT MIN(restoringUntil) FROM backup
                        WHERE restoringUntil IS NOT NULL AND restoringUntil > :now
                    UNION ALL SELECT MIN(deletingUntil) FROM backup WHERE deletingUntil IS NOT NULL AND deletingUntil > :now
                    UNION ALL SELECT MIN(finishesAt) FROM checkpoint WHERE finishesAt > :now
                    UNION ALL SELECT MIN(deletingUntil) FROM vault WHERE deletingUntil IS NOT NULL AND deletingUntil > :now
                    UNION ALL SELECT MIN(removingUntil) FROM vaultResource
                        WHERE removingUntil IS NOT NULL AND removingUntil > :now
                    UNION ALL SELECT MIN(finishesAt) FROM operationLog WHERE finishesAt > :now
                    UNION ALL SELECT MIN(nextRunAt) FROM vaultPolicy WHERE nextRunAt IS NOT NULL AND nextRunAt > :now
                    UNION ALL SELECT MIN(retainAt) FROM vaultPolicy WHERE retainAt IS NOT NULL AND retainAt > :now
                    UNION ALL SELECT MIN(expiresAt) FROM backup INDEXED BY backup_expiring
                        WHERE expiresAt IS NOT NULL AND deletingUntil IS NULL AND parentId IS NULL AND expiresAt > :now
                )
                """
            ),
            arguments: ["now": now]
        )
    }
}
