import GRDB

extension EmulatorStore {
    /// Brings the state to `now`: first the policy runs and retention passes due by then
    /// (``runSchedules(at:environment:in:)``, which may start deletions; ids and durations from `environment`), then
    /// finished deletions become real: vaults, resource removals and backups whose pending deletion has ended by
    /// `now` are removed (with what depends on them), and checkpoints left without backups go too.
    /// Every CBR write calls it first, inside its own transaction. Each statement reads only due rows, through the
    /// partial indexes on `nextRunAt` / `retainAt` / `deletingUntil` / `removingUntil`, so with nothing due it
    /// costs five index probes.
    static func settle(at now: Int64, environment: StoreEnvironment, in db: Database) throws {
        try runSchedules(at: now, environment: environment, in: db)
        try expireManualBackups(at: now, environment: environment, in: db)
        let touched = try String.fetchAll(
            db,
            sql: "SELECT DISTINCT checkpointId FROM backup WHERE deletingUntil IS NOT NULL AND deletingUntil <= ?",
            arguments: [now]
        )
        try db.execute(
            sql: "DELETE FROM vault WHERE deletingUntil IS NOT NULL AND deletingUntil <= ?", arguments: [now]
        )
        try db.execute(
            sql: "DELETE FROM backup WHERE deletingUntil IS NOT NULL AND deletingUntil <= ?", arguments: [now]
        )
        try db.execute(
            sql: "DELETE FROM vaultResource WHERE removingUntil IS NOT NULL AND removingUntil <= ?", arguments: [now]
        )
        // A checkpoint loses its last backup only when one of its backups is deleted here (a vault's deletion
        // takes its checkpoints with it through the foreign key).
        guard !touched.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: touched.count).joined(separator: ", ")
        try db.execute(
            sql: """
                DELETE FROM checkpoint WHERE id IN (\(placeholders))
                AND NOT EXISTS (SELECT 1 FROM backup WHERE backup.checkpointId = checkpoint.id)
                """,
            arguments: StatementArguments(touched)
        )
    }

    /// Whether ``settle(at:environment:in:)`` has anything to do at `now` (six indexed probes in one statement, no
    /// writes).
    static func hasDueTransitions(at now: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                SELECT EXISTS (SELECT 1 FROM backup WHERE deletingUntil IS NOT NULL AND deletingUntil <= :now)
                    OR EXISTS (SELECT 1 FROM vault WHERE deletingUntil IS NOT NULL AND deletingUntil <= :now)
                    OR EXISTS (SELECT 1 FROM vaultResource WHERE removingUntil IS NOT NULL AND removingUntil <= :now)
                    OR \(dueSchedulesSQL)
                    OR \(dueExpirySQL)
                """
            ),
            arguments: ["now": now]
        ) ?? false
    }

    /// Runs `body` in a read transaction on the state as of `now`. The same read first checks, with the cheap
    /// indexed probes of ``hasDueTransitions(at:in:)``, that nothing is due; only when something is, a short write
    /// settles it and `body` runs in a second read. With nothing due a request costs one read and no write.
    func settledRead<T: Sendable>(
        at now: Int64,
        environment: StoreEnvironment,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let early: T? = try await readState { db in
            try Self.hasDueTransitions(at: now, in: db) ? nil : try body(db)
        }
        if let early { return early }
        try await writeState { db in try Self.settle(at: now, environment: environment, in: db) }
        return try await readState(body)
    }

    /// SQL: whether a manual backup's `retention_duration_days` has run out by `:now` (one partial-index probe).
    static let dueExpirySQL = """
        EXISTS (SELECT 1 FROM backup INDEXED BY backup_expiring WHERE expiresAt IS NOT NULL AND deletingUntil IS NULL
        AND parentId IS NULL AND expiresAt <= :now)
        """

    /// Deletes the backups whose `expired_at` has passed by `now`, each at its own expiry time, as
    /// `DELETE /backups/{id}` would: it and its disk backups are `deleting` for the configured delete duration,
    /// with a `delete` task. A backup still protecting or being restored at its expiry time is deleted when that
    /// ends (by a later pass if that is after `now`).
    static func expireManualBackups(at now: Int64, environment: StoreEnvironment, in db: Database) throws {
        let expired = try BackupRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM backup INDEXED BY backup_expiring WHERE expiresAt IS NOT NULL
                    AND deletingUntil IS NULL AND parentId IS NULL AND expiresAt <= ? ORDER BY expiresAt, rowid
                    """
            ),
            arguments: [now]
        )
        let deleteMicros = BackupProgress.micros(environment.durations.delete)
        for backup in expired {
            guard let expiry = backup.expiresAt else { continue }
            let time = max(expiry, backup.finishesAt, backup.restoringUntil ?? 0)
            guard time <= now, let vault = try VaultRecord.fetchOne(db, key: backup.vaultId) else { continue }
            try family(of: backup, in: db).updateAll(
                db, Column("deletingUntil").set(to: time + deleteMicros), Column("updatedAt").set(to: time)
            )
            try OperationLogRecord(
                type: "delete", backup: backup, vault: vault, startedAt: time, finishesAt: time + deleteMicros,
                ids: environment.identifiers
            ).insert(db)
        }
    }
}
