/// A backup or replication policy: a schedule (``PolicyTrigger``) and a retention rule.
public struct Policy: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var enabled: Bool?
    /// `backup` or `replication`.
    public var operationType: String?
    public var operationDefinition: PolicyOperationDefinition?
    public var trigger: PolicyTrigger?
    public var associatedVaults: [PolicyAssociatedVault]?
    public var policyType: String?

    enum CodingKeys: String, CodingKey {
        case id, name, enabled, trigger
        case operationType = "operation_type"
        case operationDefinition = "operation_definition"
        case associatedVaults = "associated_vaults"
        case policyType = "policy_type"
    }

    public init(
        id: String, name: String? = nil, enabled: Bool? = nil, operationType: String? = nil,
        operationDefinition: PolicyOperationDefinition? = nil, trigger: PolicyTrigger? = nil,
        associatedVaults: [PolicyAssociatedVault]? = nil, policyType: String? = nil
    ) {
        self.id = id
        self.name = name
        self.enabled = enabled
        self.operationType = operationType
        self.operationDefinition = operationDefinition
        self.trigger = trigger
        self.associatedVaults = associatedVaults
        self.policyType = policyType
    }
}

/// Retention and replication settings of a policy. Every field is optional; `nil` ones are not sent.
public struct PolicyOperationDefinition: Codable, Sendable, Hashable {
    /// Keep this many backups per resource (-1: no limit).
    public var maxBackups: LenientInt?
    /// Keep backups this many days (-1: forever).
    public var retentionDurationDays: LenientInt?
    public var dayBackups: LenientInt?
    public var weekBackups: LenientInt?
    public var monthBackups: LenientInt?
    public var yearBackups: LenientInt?
    /// `UTC+08:00` style; needed with the day/week/month/year counts.
    public var timezone: String?
    public var fullBackupInterval: LenientInt?
    public var destinationRegion: String?
    public var destinationProjectID: String?
    public var enableAcceleration: Bool?

    enum CodingKeys: String, CodingKey {
        case timezone
        case maxBackups = "max_backups"
        case retentionDurationDays = "retention_duration_days"
        case dayBackups = "day_backups"
        case weekBackups = "week_backups"
        case monthBackups = "month_backups"
        case yearBackups = "year_backups"
        case fullBackupInterval = "full_backup_interval"
        case destinationRegion = "destination_region"
        case destinationProjectID = "destination_project_id"
        case enableAcceleration = "enable_acceleration"
    }

    public init(maxBackups: Int? = nil, retentionDurationDays: Int? = nil, timezone: String? = nil) {
        self.maxBackups = maxBackups.map { LenientInt($0) }
        self.retentionDurationDays = retentionDurationDays.map { LenientInt($0) }
        self.timezone = timezone
    }
}

/// When a policy runs.
public struct PolicyTrigger: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var type: String?
    public var properties: Properties

    public struct Properties: Codable, Sendable, Hashable {
        /// iCalendar RRULEs in UTC, e.g. `FREQ=DAILY;BYHOUR=14;BYMINUTE=00`.
        public var pattern: [String]
        public var startTime: String?
        public var startWindowMinutes: LenientInt?

        enum CodingKeys: String, CodingKey {
            case pattern
            case startTime = "start_time"
            case startWindowMinutes = "start_window_minutes"
        }

        public init(pattern: [String]) {
            self.pattern = pattern
        }
    }

    public init(pattern: [String]) {
        properties = Properties(pattern: pattern)
    }
}

/// A vault a policy is bound to.
public struct PolicyAssociatedVault: Codable, Sendable, Hashable {
    public var vaultID: String?
    public var destinationVaultID: String?

    enum CodingKeys: String, CodingKey {
        case vaultID = "vault_id"
        case destinationVaultID = "destination_vault_id"
    }

    public init(vaultID: String? = nil, destinationVaultID: String? = nil) {
        self.vaultID = vaultID
        self.destinationVaultID = destinationVaultID
    }
}

/// A new policy (`PolicyCreate` on the wire).
public struct PolicyParameters: Sendable, Hashable {
    public var name: String
    /// `backup` (default) or `replication`.
    public var operationType: String
    public var operationDefinition: PolicyOperationDefinition
    public var pattern: [String]
    public var enabled: Bool?

    public init(
        name: String, operationType: String = "backup", operationDefinition: PolicyOperationDefinition = .init(),
        pattern: [String], enabled: Bool? = nil
    ) {
        self.name = name
        self.operationType = operationType
        self.operationDefinition = operationDefinition
        self.pattern = pattern
        self.enabled = enabled
    }
}

/// Changes to a policy; `nil` fields are left as they are.
public struct PolicyUpdate: Sendable, Hashable {
    public var name: String?
    public var enabled: Bool?
    public var operationDefinition: PolicyOperationDefinition?
    public var pattern: [String]?

    public init(
        name: String? = nil, enabled: Bool? = nil, operationDefinition: PolicyOperationDefinition? = nil,
        pattern: [String]? = nil
    ) {
        self.name = name
        self.enabled = enabled
        self.operationDefinition = operationDefinition
        self.pattern = pattern
    }
}

/// The answer to binding a policy to a vault.
public struct PolicyAssociation: Codable, Sendable, Hashable {
    public var vaultID: String?
    public var policyID: String?
    public var destinationVaultID: String?

    enum CodingKeys: String, CodingKey {
        case vaultID = "vault_id"
        case policyID = "policy_id"
        case destinationVaultID = "destination_vault_id"
    }

    public init(vaultID: String? = nil, policyID: String? = nil, destinationVaultID: String? = nil) {
        self.vaultID = vaultID
        self.policyID = policyID
        self.destinationVaultID = destinationVaultID
    }
}
