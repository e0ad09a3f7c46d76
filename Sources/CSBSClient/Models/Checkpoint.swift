/// A CBR restore point (checkpoint): one backup run over some of a vault's resources.
public struct Checkpoint: Codable, Sendable, Hashable {
    public var id: String
    public var projectID: String?
    public var status: String
    public var createdAt: String?
    public var vault: CheckpointVault?
    public var extraInfo: CheckpointExtraInfo?

    enum CodingKeys: String, CodingKey {
        case id, status, vault
        case projectID = "project_id"
        case createdAt = "created_at"
        case extraInfo = "extra_info"
    }

    public init(id: String, status: String) {
        self.id = id
        self.status = status
    }

    /// The status values in which a checkpoint no longer changes by itself.
    public var isTerminal: Bool { Self.terminalStatuses.contains(status) }

    public static let terminalStatuses: Set<String> = ["available", "error", "deleted", "error-deleting"]
    public static let successStatus = "available"
}

/// The `vault` block of a checkpoint (may be `null` on show).
public struct CheckpointVault: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var resources: [CheckpointResource]?
    public var skippedResources: [SkippedResource]?

    enum CodingKeys: String, CodingKey {
        case id, name, resources
        case skippedResources = "skipped_resources"
    }

    public init(
        id: String? = nil, name: String? = nil, resources: [CheckpointResource]? = nil,
        skippedResources: [SkippedResource]? = nil
    ) {
        self.id = id
        self.name = name
        self.resources = resources
        self.skippedResources = skippedResources
    }
}

/// A resource inside a checkpoint; the sizes arrive as strings (`"40"`) or numbers.
public struct CheckpointResource: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var type: String?
    public var protectStatus: String?
    public var resourceSize: LenientInt?
    public var backupSize: LenientInt?
    public var backupCount: LenientInt?

    enum CodingKeys: String, CodingKey {
        case id, name, type
        case protectStatus = "protect_status"
        case resourceSize = "resource_size"
        case backupSize = "backup_size"
        case backupCount = "backup_count"
    }

    public init(
        id: String, name: String? = nil, type: String? = nil, protectStatus: String? = nil, resourceSize: Int? = nil,
        backupSize: Int? = nil, backupCount: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.protectStatus = protectStatus
        self.resourceSize = resourceSize.map { LenientInt($0) }
        self.backupSize = backupSize.map { LenientInt($0) }
        self.backupCount = backupCount.map { LenientInt($0) }
    }
}

/// A resource the service declined to back up in this run, with its reason.
public struct SkippedResource: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var type: String?
    public var code: String?
    public var reason: String?

    public init(
        id: String? = nil, name: String? = nil, type: String? = nil, code: String? = nil, reason: String? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.code = code
        self.reason = reason
    }
}

/// The `extra_info` block of a checkpoint: the name and description it was created with.
public struct CheckpointExtraInfo: Codable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var retentionDuration: LenientInt?

    enum CodingKeys: String, CodingKey {
        case name, description
        case retentionDuration = "retention_duration"
    }

    public init(name: String? = nil, description: String? = nil, retentionDuration: Int? = nil) {
        self.name = name
        self.description = description
        self.retentionDuration = retentionDuration.map { LenientInt($0) }
    }
}

/// What to back up in a new checkpoint. `nil` fields are left out of the request.
public struct CheckpointParameters: Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var incremental: Bool?
    /// Resource ids; `nil` backs up every resource in the vault.
    public var resources: [String]?

    public init(name: String? = nil, description: String? = nil, incremental: Bool? = nil, resources: [String]? = nil) {
        self.name = name
        self.description = description
        self.incremental = incremental
        self.resources = resources
    }
}
