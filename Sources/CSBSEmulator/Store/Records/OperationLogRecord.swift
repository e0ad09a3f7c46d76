import GRDB

/// A task in the operation log (`/operation-logs`). Table `operationLog`. Its status and progress are derived
/// from `startedAt`, `finishesAt`, `outcome` and the clock. Rows outlive the vaults and backups they name.
struct OperationLogRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "operationLog"

    var id: String
    var projectId: String
    /// `backup`, `restore`, `delete`, `vault_delete`, `remove_resource`, `update_expiration_time`, `sync` or
    /// `replication`.
    var operationType: String
    var providerId: String
    var vaultId: String?
    var vaultName: String?
    var checkpointId: String?
    var policyId: String?
    var resourceId: String
    var resourceName: String
    var resourceType: String
    var backupId: String?
    var backupName: String?
    var incremental: Bool?
    var targetResourceId: String?
    var targetResourceName: String?
    /// For `vault_delete` and `remove_resource`: how many items the task handles.
    var totalCount: Int
    var requestId: String
    var startedAt: Int64
    var finishesAt: Int64
    /// The final status: `success` or `failed`.
    var outcome: String
    var errorCode: String
    var errorMessage: String
    /// For `update_expiration_time`: the day the vault's backups now expire (`YYYY-MM-DD`), `nil` for never.
    var expirationDay: String? = nil
    /// For `replication`: where the backup was copied to (JSON text of ``OperationLogBody/ExtraInfo/Replication``).
    var replication: String? = nil
}

extension OperationLogRecord {
    /// `running` until `finishesAt`, then the outcome.
    func status(at now: Int64) -> String {
        now < finishesAt ? "running" : outcome
    }

    /// Progress 0–100, proportional to the elapsed share of the task's duration.
    func progress(at now: Int64) -> Int {
        guard now < finishesAt else { return 100 }
        let total = finishesAt - startedAt
        guard total > 0 else { return 100 }
        return Int(max(0, min(100, (now - startedAt) * 100 / total)))
    }
}

extension OperationLogRecord: StoredRecord {
    /// The columns of `operationLog`, in the order of ``writeColumns(to:)``.
    static let columnNames = [
        "id", "projectId", "operationType", "providerId", "vaultId", "vaultName", "checkpointId", "policyId",
        "resourceId", "resourceName", "resourceType", "backupId", "backupName", "incremental", "targetResourceId",
        "targetResourceName", "totalCount", "requestId", "startedAt", "finishesAt", "outcome", "errorCode",
        "errorMessage", "expirationDay", "replication",
    ]

    /// Writes the value of each of ``columnNames``, in that order.
    func writeColumns(to sink: inout some ColumnSink) {
        sink.put(id)
        sink.put(projectId)
        sink.put(operationType)
        sink.put(providerId)
        sink.put(vaultId)
        sink.put(vaultName)
        sink.put(checkpointId)
        sink.put(policyId)
        sink.put(resourceId)
        sink.put(resourceName)
        sink.put(resourceType)
        sink.put(backupId)
        sink.put(backupName)
        sink.put(incremental)
        sink.put(targetResourceId)
        sink.put(targetResourceName)
        sink.put(totalCount)
        sink.put(requestId)
        sink.put(startedAt)
        sink.put(finishesAt)
        sink.put(outcome)
        sink.put(errorCode)
        sink.put(errorMessage)
        sink.put(expirationDay)
        sink.put(replication)
    }

    /// Writes the columns for an update (and GRDB's own insert), without `Encodable`.
    func encode(to container: inout PersistenceContainer) {
        StoredColumns.encode(self, to: &container)
    }

    /// `INSERT INTO operationLog (…) VALUES (?, …)` with ``columnNames``.
    static let insertSQL = StoredColumns.insertSQL(into: databaseTableName, columns: columnNames)

    /// Inserts the task through one cached statement; every task insert comes through here (a concrete method:
    /// it takes precedence over GRDB's `insert` for calls on an `OperationLogRecord`). Every backup a checkpoint
    /// makes has its task, so seeding inserts as many tasks as backups (see ``BackupRecord/insert(_:)``).
    func insert(_ db: Database) throws {
        try StoredColumns.insert(self, with: Self.insertSQL, in: db)
    }
}
