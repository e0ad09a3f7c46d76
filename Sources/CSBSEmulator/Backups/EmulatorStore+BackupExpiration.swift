import GRDB

extension EmulatorStore {
    /// Sets when every backup of a vault that is not being deleted expires (manual and automatic alike; `nil`:
    /// never) and records an `update_expiration_time` task, finished at once. Expired backups are deleted as
    /// `retention_duration_days` ones are (see ``expireManualBackups(at:environment:in:)``).
    /// - Parameters:
    ///   - day: The day as the request gave it, for the answer and the task.
    /// - Returns: How many backups changed, and the task's id.
    /// - Throws: 6105 for an unknown vault, 6112 for one being deleted.
    func updateBackupExpiration(
        vaultID: String,
        projectID: String,
        expiresAt: Int64?,
        day: String?,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (count: Int, taskID: String) {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            try db.execute(
                sql: """
                    UPDATE backup SET expiresAt = ?, updatedAt = ?
                    WHERE vaultId = ? AND parentId IS NULL AND deletingUntil IS NULL
                    """,
                arguments: [expiresAt, now, vault.id]
            )
            let count = db.changesCount
            var task = OperationLogRecord(
                type: "update_expiration_time", vault: vault,
                resource: (id: vault.id, name: vault.name, type: Self.resourceType(ofVault: vault)),
                count: count, startedAt: now, finishesAt: now, ids: environment.identifiers
            )
            task.expirationDay = day
            try task.insert(db)
            return (count, task.id)
        }
    }
}
