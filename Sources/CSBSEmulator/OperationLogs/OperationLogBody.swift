/// The wire form of an operation log entry (task), API reference §2.7 and A.3. Top-level optionals are written
/// as `null`; `extra_info` carries `common`, `resource` and the one section matching `operation_type`.
struct OperationLogBody: Encodable, Sendable {
    struct ErrorInfo: Encodable, Sendable {
        var code: String
        var message: String
    }

    struct ExtraInfo: Encodable, Sendable {
        struct Common: Encodable, Sendable {
            var progress: Int
            var requestId: String
            var taskId: String
        }

        struct Resource: Encodable, Sendable {
            var id: String
            var name: String
            var type: String
        }

        /// `backup`: the incremental flag is a string on this wire (`"true"`/`"false"`).
        struct Backup: Encodable, Sendable {
            var backupId: String
            var backupName: String
            var incremental: String
        }

        struct Delete: Encodable, Sendable {
            var backupId: String
            var backupName: String
        }

        struct Restore: Encodable, Sendable {
            var backupId: String
            var backupName: String
            var targetResourceId: String
            var targetResourceName: String
        }

        struct RemoveResources: Encodable, Sendable {
            var failCount: Int
            var totalCount: Int
            var resources: [Resource]
        }

        struct VaultDelete: Encodable, Sendable {
            var failCount: Int
            var totalCount: Int
        }

        /// A hybrid-cloud synchronization's counts (always 0: the emulator has no storage unit to import from).
        struct Sync: Encodable, Sendable {
            var syncBackupNum: Int
            var deleteBackupNum: Int
            var errSyncBackupNum: Int
        }

        /// `replication` (the SDK's `OpExtendInfoReplication`): the source backup and its copy in another region.
        struct Replication: Codable, Sendable, Equatable {
            var destinationBackupId: String
            var destinationBackupName: String
            var destinationCheckpointId: String
            var destinationProjectId: String
            var destinationRegion: String
            var sourceBackupId: String
            var sourceBackupName: String
            var sourceCheckpointId: String
            var sourceProjectId: String
            var sourceRegion: String
        }

        struct UpdateExpirationTime: Encodable, Sendable {
            var affectedBackupsCount: Int
            var expirationDay: String?
        }

        var common: Common
        var resource: Resource
        var backup: Backup?
        var delete: Delete?
        var restore: Restore?
        var removeResources: RemoveResources?
        var vaultDelete: VaultDelete?
        var updateExpirationTime: UpdateExpirationTime?
        var sync: Sync?
        var replication: Replication?
    }

    var id: String
    var projectId: String
    var providerId: String
    var checkpointId: String?
    var policyId: String?
    var vaultId: String?
    var vaultName: String?
    var operationType: String
    var status: String
    var createdAt: String
    var startedAt: String
    var endedAt: String?
    var updatedAt: String
    var errorInfo: ErrorInfo
    var extraInfo: ExtraInfo

    private enum CodingKeys: String, CodingKey {
        case id, projectId, providerId, checkpointId, policyId, vaultId, vaultName, operationType, status
        case createdAt, startedAt, endedAt, updatedAt, errorInfo, extraInfo
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(providerId, forKey: .providerId)
        try container.encode(checkpointId, forKey: .checkpointId)
        try container.encode(policyId, forKey: .policyId)
        try container.encode(vaultId, forKey: .vaultId)
        try container.encode(vaultName, forKey: .vaultName)
        try container.encode(operationType, forKey: .operationType)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(errorInfo, forKey: .errorInfo)
        try container.encode(extraInfo, forKey: .extraInfo)
    }
}

extension OperationLogBody {
    /// The wire form of a stored task as seen at `now`.
    init(_ task: OperationLogRecord, now: Int64) {
        let finished = task.finishesAt <= now
        let resource = ExtraInfo.Resource(id: task.resourceId, name: task.resourceName, type: task.resourceType)
        var extra = ExtraInfo(
            common: .init(progress: task.progress(at: now), requestId: task.requestId, taskId: task.id),
            resource: resource
        )
        let backupID = task.backupId ?? ""
        let backupName = task.backupName ?? ""
        switch task.operationType {
        case "backup":
            extra.backup = .init(
                backupId: backupID, backupName: backupName, incremental: task.incremental == true ? "true" : "false"
            )
        case "delete":
            extra.delete = .init(backupId: backupID, backupName: backupName)
        case "restore":
            extra.restore = .init(
                backupId: backupID, backupName: backupName, targetResourceId: task.targetResourceId ?? "",
                targetResourceName: task.targetResourceName ?? ""
            )
        case "remove_resource":
            extra.removeResources = .init(failCount: 0, totalCount: task.totalCount, resources: [resource])
        case "vault_delete":
            extra.vaultDelete = .init(failCount: 0, totalCount: task.totalCount)
        case "update_expiration_time":
            extra.updateExpirationTime = .init(affectedBackupsCount: task.totalCount, expirationDay: task.expirationDay)
        case "sync":
            extra.sync = .init(syncBackupNum: task.totalCount, deleteBackupNum: 0, errSyncBackupNum: 0)
        case "replication":
            extra.replication = task.replication.flatMap { WireJSON.decodeText(ExtraInfo.Replication.self, from: $0) }
        default:
            break
        }
        let failed = finished && task.outcome == "failed"
        self.init(
            id: task.id,
            projectId: task.projectId,
            providerId: task.providerId,
            checkpointId: task.checkpointId,
            policyId: task.policyId,
            vaultId: task.vaultId,
            vaultName: task.vaultName,
            operationType: task.operationType,
            status: task.status(at: now),
            createdAt: WireTime.cbr(task.startedAt),
            startedAt: WireTime.cbr(task.startedAt),
            endedAt: finished ? WireTime.cbr(task.finishesAt) : nil,
            updatedAt: WireTime.cbr(finished ? task.finishesAt : task.startedAt),
            errorInfo: ErrorInfo(code: failed ? task.errorCode : "", message: failed ? task.errorMessage : ""),
            extraInfo: extra
        )
    }
}

/// `GET /v3/{project_id}/operation-logs` response.
struct OperationLogListBody: Encodable, Sendable {
    var operationLogs: [OperationLogBody]
    var count: Int
    var limit: Int
    var offset: Int
}

/// `{"operation_log": ...}` response envelope.
struct OperationLogEnvelope: Encodable, Sendable {
    var operationLog: OperationLogBody
}
