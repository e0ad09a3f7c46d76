/// A CSBS v1 backup record (`checkpoint`), as a protect call returns it. Its `id` is the record id that later
/// calls name `checkpoint_id`.
public struct CSBSv1Checkpoint: Codable, Sendable, Hashable {
    public var id: String
    /// `protecting`, `available`, `error`, `deleting`, …
    public var status: String
    public var createdAt: String?
    public var projectID: String?
    /// The protected resources (one server for a protect call).
    public var resources: [CSBSv1PlanResource]

    enum CodingKeys: String, CodingKey {
        case id, status
        case createdAt = "created_at"
        case projectID = "project_id"
        case protectionPlan = "protection_plan"
    }

    private struct Plan: Codable {
        var resources: [CSBSv1PlanResource]?
    }

    public init(id: String, status: String, createdAt: String? = nil, projectID: String? = nil,
                resources: [CSBSv1PlanResource] = []) {
        self.id = id
        self.status = status
        self.createdAt = createdAt
        self.projectID = projectID
        self.resources = resources
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(String.self, forKey: .status)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        projectID = try container.decodeIfPresent(String.self, forKey: .projectID)
        resources = try container.decodeIfPresent(Plan.self, forKey: .protectionPlan)?.resources ?? []
    }

    /// Writes what ``init(from:)`` reads: the resources inside `protection_plan`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(projectID, forKey: .projectID)
        try container.encode(Plan(resources: resources), forKey: .protectionPlan)
    }
}

/// A resource of a backup record's protection plan.
public struct CSBSv1PlanResource: Codable, Sendable, Hashable {
    public var id: String
    public var type: String?
    public var name: String?

    public init(id: String, type: String? = nil, name: String? = nil) {
        self.id = id
        self.type = type
        self.name = name
    }
}

/// A CSBS v1 backup (`checkpoint_item`) of one server. Its `id` is the backup id (`checkpoint_item_id`).
public struct CSBSv1CheckpointItem: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// The backup record id.
    public var checkpointID: String
    public var name: String
    public var description: String?
    public var resourceID: String
    public var resourceType: String?
    /// `protecting`, `available`, `restoring`, `deleting`, `error`, … (lowercase on the wire).
    public var status: String
    public var createdAt: String?
    public var updatedAt: String?
    public var extendInfo: CSBSv1ExtendInfo?

    enum CodingKeys: String, CodingKey {
        case id, name, description, status
        case checkpointID = "checkpoint_id"
        case resourceID = "resource_id"
        case resourceType = "resource_type"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case extendInfo = "extend_info"
    }

    public init(
        id: String, checkpointID: String, name: String, description: String? = nil, resourceID: String,
        resourceType: String? = nil, status: String, createdAt: String? = nil, updatedAt: String? = nil,
        extendInfo: CSBSv1ExtendInfo? = nil
    ) {
        self.id = id
        self.checkpointID = checkpointID
        self.name = name
        self.description = description
        self.resourceID = resourceID
        self.resourceType = resourceType
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.extendInfo = extendInfo
    }

    /// The disk backups (empty when the service did not list them).
    public var volumeBackups: [CSBSv1VolumeBackup] { extendInfo?.volumeBackups ?? [] }

    /// Whether the backup no longer changes by itself.
    public var isTerminal: Bool { Self.terminalStatuses.contains(status) }

    /// The statuses in which a backup no longer changes by itself.
    public static let terminalStatuses: Set<String> = ["available", "error", "deleted"]
}

/// The `extend_info` block of a CSBS backup (the fields a client uses).
public struct CSBSv1ExtendInfo: Codable, Sendable, Hashable {
    public var progress: LenientInt?
    public var resourceName: String?
    public var resourceAZ: String?
    /// Size in MB.
    public var size: LenientInt?
    public var incremental: Bool?
    public var failReason: String?
    public var volumeBackups: [CSBSv1VolumeBackup]?

    enum CodingKeys: String, CodingKey {
        case progress, size, incremental
        case resourceName = "resource_name"
        case resourceAZ = "resource_az"
        case failReason = "fail_reason"
        case volumeBackups = "volume_backups"
    }

    public init(
        progress: Int? = nil, resourceName: String? = nil, resourceAZ: String? = nil, size: Int? = nil,
        incremental: Bool? = nil, failReason: String? = nil, volumeBackups: [CSBSv1VolumeBackup]? = nil
    ) {
        self.progress = progress.map { LenientInt($0) }
        self.resourceName = resourceName
        self.resourceAZ = resourceAZ
        self.size = size.map { LenientInt($0) }
        self.incremental = incremental
        self.failReason = failReason
        self.volumeBackups = volumeBackups
    }
}

/// One disk's backup inside a CSBS backup; restores map these ids to target disks.
public struct CSBSv1VolumeBackup: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var bootable: Bool?
    public var sourceVolumeID: String?
    public var sourceVolumeName: String?
    /// Source disk capacity in GB.
    public var sourceVolumeSize: LenientInt?
    /// Backup size in MB.
    public var size: LenientInt?
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case id, name, bootable, size, status
        case sourceVolumeID = "source_volume_id"
        case sourceVolumeName = "source_volume_name"
        case sourceVolumeSize = "source_volume_size"
    }

    public init(
        id: String, name: String? = nil, bootable: Bool? = nil, sourceVolumeID: String? = nil,
        sourceVolumeName: String? = nil, sourceVolumeSize: Int? = nil, size: Int? = nil, status: String? = nil
    ) {
        self.id = id
        self.name = name
        self.bootable = bootable
        self.sourceVolumeID = sourceVolumeID
        self.sourceVolumeName = sourceVolumeName
        self.sourceVolumeSize = sourceVolumeSize.map { LenientInt($0) }
        self.size = size.map { LenientInt($0) }
        self.status = status
    }
}

/// A started CSBS restore (`status` `in_progress`, later `success` or `fail`).
public struct CSBSv1Restore: Codable, Sendable, Hashable {
    /// The restore's id; empty when the answer was lost and the client found the restore under way instead.
    public var id: String
    public var checkpointID: String?
    public var status: String

    enum CodingKeys: String, CodingKey {
        case id, status
        case checkpointID = "checkpoint_id"
    }

    public init(id: String, checkpointID: String? = nil, status: String) {
        self.id = id
        self.checkpointID = checkpointID
        self.status = status
    }
}

/// Which target disk a disk backup is restored onto.
public struct CSBSv1VolumeMapping: Sendable, Hashable, Codable {
    /// A disk backup id (``CSBSv1VolumeBackup/id``).
    public var backupID: String
    /// The target disk id.
    public var volumeID: String

    enum CodingKeys: String, CodingKey {
        case backupID = "backup_id"
        case volumeID = "volume_id"
    }

    public init(backupID: String, volumeID: String) {
        self.backupID = backupID
        self.volumeID = volumeID
    }
}

/// Filters and paging of `GET /v1/{project_id}/checkpoint_items` (and `/count`, which ignores the paging).
public struct CheckpointItemQuery: Sendable, Hashable {
    public var checkpointID: String?
    public var resourceID: String?
    public var resourceName: String?
    public var resourceType: String?
    /// Matches part of the name.
    public var name: String?
    public var status: String?
    /// `key[:asc|desc],…` with keys `created_at`, `updated_at`, `name`, `status`, `id`.
    public var sort: String?
    public var limit: Int?
    public var offset: Int?
    public var marker: String?

    public init(
        checkpointID: String? = nil, resourceID: String? = nil, resourceName: String? = nil,
        resourceType: String? = nil, name: String? = nil, status: String? = nil, sort: String? = nil,
        limit: Int? = nil, offset: Int? = nil, marker: String? = nil
    ) {
        self.checkpointID = checkpointID
        self.resourceID = resourceID
        self.resourceName = resourceName
        self.resourceType = resourceType
        self.name = name
        self.status = status
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.marker = marker
    }

    /// The query parameters, filters only (for `/count`) or with the paging.
    func parameters(paging: Bool) -> [(String, String)] {
        var items: [(String, String?)] = [
            ("checkpoint_id", checkpointID), ("resource_id", resourceID), ("resource_name", resourceName),
            ("resource_type", resourceType), ("name", name), ("status", status),
        ]
        if paging {
            items += [("sort", sort), ("limit", limit.map(String.init)), ("offset", offset.map(String.init)),
                      ("marker", marker)]
        }
        return items.compactMap { key, value in value.map { (key, $0) } }
    }
}
