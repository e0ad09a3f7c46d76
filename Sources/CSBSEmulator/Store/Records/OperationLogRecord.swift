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

extension OperationLogRecord {
    /// Writes the columns for an insert or update, without `Encodable` (every backup a checkpoint makes has its
    /// task, so seeding inserts as many tasks as backups).
    func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["projectId"] = projectId
        container["operationType"] = operationType
        container["providerId"] = providerId
        container["vaultId"] = vaultId
        container["vaultName"] = vaultName
        container["checkpointId"] = checkpointId
        container["policyId"] = policyId
        container["resourceId"] = resourceId
        container["resourceName"] = resourceName
        container["resourceType"] = resourceType
        container["backupId"] = backupId
        container["backupName"] = backupName
        container["incremental"] = incremental
        container["targetResourceId"] = targetResourceId
        container["targetResourceName"] = targetResourceName
        container["totalCount"] = totalCount
        container["requestId"] = requestId
        container["startedAt"] = startedAt
        container["finishesAt"] = finishesAt
        container["outcome"] = outcome
        container["errorCode"] = errorCode
        container["errorMessage"] = errorMessage
        container["expirationDay"] = expirationDay
        container["replication"] = replication
    }
}
