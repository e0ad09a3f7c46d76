/// A CBR backup: one resource's copy inside a restore point. Server backups carry their disk backups in
/// ``children``. Almost every field is optional because real responses leave documented fields `null`.
public struct Backup: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    public var description: String?
    public var checkpointID: String?
    public var vaultID: String?
    public var projectID: String?
    public var providerID: String?
    public var parentID: String?
    public var resourceID: String?
    public var resourceName: String?
    public var resourceType: String?
    public var resourceAZ: String?
    /// GB.
    public var resourceSize: LenientInt?
    /// One of ``Backup/Status``'s raw values, or a value this client does not know.
    public var status: String?
    public var imageType: String?
    public var createdAt: String?
    public var updatedAt: String?
    public var expiredAt: String?
    public var protectedAt: String?
    public var incremental: Bool?
    public var version: LenientInt?
    public var enterpriseProjectID: LenientString?
    public var extendInfo: BackupExtendInfo?
    public var children: [Backup]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, status, incremental, version, children
        case checkpointID = "checkpoint_id"
        case vaultID = "vault_id"
        case projectID = "project_id"
        case providerID = "provider_id"
        case parentID = "parent_id"
        case resourceID = "resource_id"
        case resourceName = "resource_name"
        case resourceType = "resource_type"
        case resourceAZ = "resource_az"
        case resourceSize = "resource_size"
        case imageType = "image_type"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case expiredAt = "expired_at"
        case protectedAt = "protected_at"
        case enterpriseProjectID = "enterprise_project_id"
        case extendInfo = "extend_info"
    }

    public init(id: String, status: String? = nil) {
        self.id = id
        self.status = status
    }

    /// The documented backup statuses (API reference §3.4).
    public enum Status: String, Sendable, CaseIterable {
        case available, protecting, deleting, restoring, error
        case waitingProtect = "waiting_protect"
        case waitingDelete = "waiting_delete"
        case waitingRestore = "waiting_restore"
    }

    /// Statuses in which the backup no longer changes by itself.
    public static let terminalStatuses: Set<String> = ["available", "error"]

    /// Whether ``status`` is terminal (`available` or `error`).
    public var isTerminal: Bool { status.map(Self.terminalStatuses.contains) ?? false }

    /// Whether a restore of the backup is under way (`restoring` or `waiting_restore`); `false` without a status.
    public var isBeingRestored: Bool {
        status == Status.restoring.rawValue || status == Status.waitingRestore.rawValue
    }
}

/// The backup's `extend_info` block (the fields the client uses; others are ignored).
public struct BackupExtendInfo: Codable, Sendable, Hashable {
    public var autoTrigger: Bool?
    public var bootable: Bool?
    public var snapshotID: String?
    public var supportedRestoreMode: String?
    public var containSystemDisk: Bool?
    public var encrypted: Bool?
    public var systemDisk: Bool?

    enum CodingKeys: String, CodingKey {
        case bootable, encrypted
        case autoTrigger = "auto_trigger"
        case snapshotID = "snapshot_id"
        case supportedRestoreMode = "supported_restore_mode"
        case containSystemDisk = "contain_system_disk"
        case systemDisk = "system_disk"
    }

    public init(
        autoTrigger: Bool? = nil, bootable: Bool? = nil, snapshotID: String? = nil, supportedRestoreMode: String? = nil,
        containSystemDisk: Bool? = nil, encrypted: Bool? = nil, systemDisk: Bool? = nil
    ) {
        self.autoTrigger = autoTrigger
        self.bootable = bootable
        self.snapshotID = snapshotID
        self.supportedRestoreMode = supportedRestoreMode
        self.containSystemDisk = containSystemDisk
        self.encrypted = encrypted
        self.systemDisk = systemDisk
    }
}

/// A page of ``Backup``s with the service's total `count` (of all matches, not of this page).
public struct BackupPage: Codable, Sendable, Hashable {
    public var backups: [Backup]
    public var count: LenientInt?
    public var limit: LenientInt?
    public var offset: LenientInt?

    public init(backups: [Backup], count: Int? = nil, limit: Int? = nil, offset: Int? = nil) {
        self.backups = backups
        self.count = count.map { LenientInt($0) }
        self.limit = limit.map { LenientInt($0) }
        self.offset = offset.map { LenientInt($0) }
    }
}

/// Where a backup is restored to (`BackupRestore` on the wire). `nil` fields are left out of the request.
public struct RestoreParameters: Codable, Sendable, Hashable {
    /// Target server, for a whole-server restore.
    public var serverID: String?
    /// Target disk, for a disk restore.
    public var volumeID: String?
    /// Disk-backup → target-disk pairs, for a server restore (`backup_id` is a child backup's id).
    public var mappings: [RestoreMapping]?
    /// Start the server after the restore (the service's default is `true`).
    public var powerOn: Bool?
    /// A generic target resource.
    public var resourceID: String?

    enum CodingKeys: String, CodingKey {
        case mappings
        case serverID = "server_id"
        case volumeID = "volume_id"
        case powerOn = "power_on"
        case resourceID = "resource_id"
    }

    public init(
        serverID: String? = nil, volumeID: String? = nil, mappings: [RestoreMapping]? = nil, powerOn: Bool? = nil,
        resourceID: String? = nil
    ) {
        self.serverID = serverID
        self.volumeID = volumeID
        self.mappings = mappings
        self.powerOn = powerOn
        self.resourceID = resourceID
    }
}

/// One disk backup and the disk it is restored onto.
public struct RestoreMapping: Codable, Sendable, Hashable {
    public var backupID: String
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
