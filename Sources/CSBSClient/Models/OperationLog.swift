import FoundationEssentials

/// A CBR task (operation log): one backup, restore, deletion, vault deletion or resource removal.
public struct OperationLog: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var projectID: String?
    public var providerID: String?
    public var checkpointID: String?
    public var policyID: String?
    public var vaultID: String?
    public var vaultName: String?
    /// `backup`, `restore`, `delete`, `vault_delete`, `remove_resource`, `replication`, …
    public var operationType: String?
    /// `success`, `skipped`, `failed`, `running`, `timeout` or `waiting`.
    public var status: String?
    public var createdAt: String?
    public var startedAt: String?
    public var endedAt: String?
    public var updatedAt: String?
    public var errorInfo: OperationLogError?
    public var extraInfo: OperationLogExtraInfo?

    enum CodingKeys: String, CodingKey {
        case id, status
        case projectID = "project_id"
        case providerID = "provider_id"
        case checkpointID = "checkpoint_id"
        case policyID = "policy_id"
        case vaultID = "vault_id"
        case vaultName = "vault_name"
        case operationType = "operation_type"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case updatedAt = "updated_at"
        case errorInfo = "error_info"
        case extraInfo = "extra_info"
    }

    public init(id: String, status: String? = nil) {
        self.id = id
        self.status = status
    }

    /// Statuses in which a task no longer changes.
    public static let terminalStatuses: Set<String> = ["success", "skipped", "failed", "timeout"]

    /// Whether ``status`` is terminal.
    public var isTerminal: Bool { status.map(Self.terminalStatuses.contains) ?? false }

    /// `extra_info.common.progress` (0–100), when the service sent it.
    public var progress: Int? { extraInfo?.common?.progress?.value }
}

/// A task's `error_info` (empty strings on success).
public struct OperationLogError: Codable, Sendable, Hashable {
    public var code: String?
    public var message: String?
}

/// A task's `extra_info`: the common block, the resource, and the per-type details the client reads.
public struct OperationLogExtraInfo: Codable, Sendable, Hashable {
    public var common: Common?
    public var resource: Resource?
    public var backup: BackupDetails?
    public var delete: BackupDetails?
    public var restore: RestoreDetails?

    public struct Common: Codable, Sendable, Hashable {
        /// 0–100.
        public var progress: LenientInt?
        public var requestID: String?
        public var taskID: String?

        enum CodingKeys: String, CodingKey {
            case progress
            case requestID = "request_id"
            case taskID = "task_id"
        }
    }

    public struct Resource: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String?
        public var type: String?
    }

    public struct BackupDetails: Codable, Sendable, Hashable {
        public var backupID: String?
        public var backupName: String?

        enum CodingKeys: String, CodingKey {
            case backupID = "backup_id"
            case backupName = "backup_name"
        }
    }

    public struct RestoreDetails: Codable, Sendable, Hashable {
        public var backupID: String?
        public var backupName: String?
        public var targetResourceID: String?
        public var targetResourceName: String?

        enum CodingKeys: String, CodingKey {
            case backupID = "backup_id"
            case backupName = "backup_name"
            case targetResourceID = "target_resource_id"
            case targetResourceName = "target_resource_name"
        }
    }
}

/// A page of ``OperationLog``s with the service's total `count`.
public struct OperationLogPage: Codable, Sendable, Hashable {
    public var operationLogs: [OperationLog]
    public var count: LenientInt?
    public var limit: LenientInt?
    public var offset: LenientInt?

    enum CodingKeys: String, CodingKey {
        case count, limit, offset
        case operationLogs = "operation_logs"
    }

    public init(operationLogs: [OperationLog], count: Int? = nil, limit: Int? = nil, offset: Int? = nil) {
        self.operationLogs = operationLogs
        self.count = count.map { LenientInt($0) }
        self.limit = limit.map { LenientInt($0) }
        self.offset = offset.map { LenientInt($0) }
    }
}

/// Filters of `GET /v3/{project_id}/operation-logs`. `nil` filters are not sent.
public struct OperationLogQuery: Sendable, Hashable {
    public var operationType: String?
    public var status: String?
    public var vaultID: String?
    public var vaultName: String?
    public var resourceID: String?
    public var resourceName: String?
    public var providerID: String?
    public var startTime: Date?
    public var endTime: Date?
    public var limit: Int?
    public var offset: Int?
    public var enterpriseProjectID: String?

    public init(
        operationType: String? = nil, status: String? = nil, vaultID: String? = nil, vaultName: String? = nil,
        resourceID: String? = nil, resourceName: String? = nil, providerID: String? = nil, startTime: Date? = nil,
        endTime: Date? = nil, limit: Int? = nil, offset: Int? = nil, enterpriseProjectID: String? = nil
    ) {
        self.operationType = operationType
        self.status = status
        self.vaultID = vaultID
        self.vaultName = vaultName
        self.resourceID = resourceID
        self.resourceName = resourceName
        self.providerID = providerID
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.offset = offset
        self.enterpriseProjectID = enterpriseProjectID
    }

    var queryItems: [(String, String)] {
        var items = QueryItems()
        items.add("end_time", endTime.map(WireDate.filterFormat))
        items.add("enterprise_project_id", enterpriseProjectID)
        items.add("limit", limit)
        items.add("offset", offset)
        items.add("operation_type", operationType)
        items.add("provider_id", providerID)
        items.add("resource_id", resourceID)
        items.add("resource_name", resourceName)
        items.add("start_time", startTime.map(WireDate.filterFormat))
        items.add("status", status)
        items.add("vault_id", vaultID)
        items.add("vault_name", vaultName)
        return items.pairs
    }
}
