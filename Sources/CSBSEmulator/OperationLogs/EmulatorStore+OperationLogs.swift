import GRDB

/// Filters of `GET /v3/{project_id}/operation-logs`.
struct OperationLogFilter: Sendable, Equatable {
    var operationType: String?
    var status: String?
    var vaultID: String?
    var vaultName: String?
    var resourceID: String?
    var resourceName: String?
    var providerID: String?
    /// Inclusive bounds on `started_at`, microseconds since 1970.
    var startTime: Int64?
    var endTime: Int64?
    var limit = 1000
    var offset = 0
}

extension EmulatorStore {
    /// A page of the operation log of `projectID`, newest first, and the total match count.
    func operationLogs(
        projectID: String,
        filter: OperationLogFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (total: Int, page: [OperationLogRecord]) {
        try await settledRead(at: now, environment: environment) { db in
            var request = OperationLogRecord.filter(Column("projectId") == projectID)
            let equalities: [(String, String?)] = [
                ("operationType", filter.operationType), ("vaultId", filter.vaultID),
                ("vaultName", filter.vaultName), ("resourceId", filter.resourceID),
                ("resourceName", filter.resourceName), ("providerId", filter.providerID),
            ]
            for case let (column, value?) in equalities { request = request.filter(Column(column) == value) }
            if let start = filter.startTime { request = request.filter(Column("startedAt") >= start) }
            if let end = filter.endTime { request = request.filter(Column("startedAt") <= end) }
            if let status = filter.status {
                // `status(at:)` in SQL: `running` until `finishesAt`, then the outcome.
                request = request.filter(
                    sql: "(CASE WHEN ? < finishesAt THEN 'running' ELSE outcome END) = ?", arguments: [now, status]
                )
            }
            let total = try request.fetchCount(db)
            let page = try request.order(Column("startedAt").desc, Column.rowID.desc)
                .limit(filter.limit, offset: filter.offset)
                .fetchAll(db)
            return (total, page)
        }
    }

    /// The task of `projectID` with this id, if any.
    func operationLog(id: String, projectID: String) async throws -> OperationLogRecord? {
        try await readState { db in
            try OperationLogRecord.filter(key: id).filter(Column("projectId") == projectID).fetchOne(db)
        }
    }

    /// The resources of `projectID` a `restore` task is still writing to at `now` (what ``runningRestore(target:projectID:now:in:)``
    /// answers for each, in one statement over the tasks still running; `CheckpointInputsTests` checks the two
    /// agree): a checkpoint asks it of every resource of its vault.
    static func runningRestoreTargets(projectID: String, now: Int64, in db: Database) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT targetResourceId FROM operationLog INDEXED BY operationLog_finishesAt
                        WHERE finishesAt > ? AND projectId = ? AND operationType = 'restore'
                        AND targetResourceId IS NOT NULL
                        """
                ),
                arguments: [now, projectID]
            )
        )
    }

    /// Whether a `restore` task targeting `target` is still running at `now`.
    static func runningRestore(target: String, projectID: String, now: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM operationLog WHERE projectId = ? AND operationType = 'restore'
                    AND targetResourceId = ? AND finishesAt > ?)
                    """
            ),
            arguments: [projectID, target, now]
        ) ?? false
    }
}

extension OperationLogRecord {
    /// A task about one backup (`backup`, `delete`, `restore`), naming the backup's resource and vault.
    /// - Parameters:
    ///   - failure: The error the task ends with; `nil` for success.
    ///   - ids: The source of the task's id and request id.
    init(
        type: String,
        backup: BackupRecord,
        vault: VaultRecord,
        startedAt: Int64,
        finishesAt: Int64,
        failure: EmulatorError? = nil,
        ids: IdentifierSource
    ) {
        self.init(
            id: ids.orderedUUID(at: startedAt), projectId: vault.projectId, operationType: type,
            providerId: ResourceType.providerID(objectType: vault.objectType), vaultId: vault.id,
            vaultName: vault.name, checkpointId: backup.checkpointId, policyId: nil, resourceId: backup.resourceId,
            resourceName: backup.resourceName, resourceType: backup.resourceType, backupId: backup.id,
            backupName: backup.name, incremental: nil, targetResourceId: nil, targetResourceName: nil,
            totalCount: 0, requestId: "req-" + ids.uuid(), startedAt: startedAt, finishesAt: finishesAt,
            outcome: failure == nil ? "success" : "failed", errorCode: failure?.code ?? "",
            errorMessage: failure?.message ?? ""
        )
    }

    /// A task about a whole vault or some of its resources (`vault_delete`, `remove_resource`,
    /// `update_expiration_time`), its ids from `ids`.
    init(type: String, vault: VaultRecord, resource: (id: String, name: String, type: String), count: Int,
         startedAt: Int64, finishesAt: Int64, ids: IdentifierSource) {
        self.init(
            id: ids.orderedUUID(at: startedAt), projectId: vault.projectId, operationType: type,
            providerId: ResourceType.providerID(objectType: vault.objectType), vaultId: vault.id,
            vaultName: vault.name, checkpointId: nil, policyId: nil, resourceId: resource.id,
            resourceName: resource.name, resourceType: resource.type, backupId: nil, backupName: nil,
            incremental: nil, targetResourceId: nil, targetResourceName: nil, totalCount: count,
            requestId: "req-" + ids.uuid(), startedAt: startedAt, finishesAt: finishesAt, outcome: "success",
            errorCode: "", errorMessage: ""
        )
    }
}
