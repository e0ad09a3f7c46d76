/// The wire form of a backup (`BackupResp`, API reference §2.4.1, A.1). Keys are snake_cased by the encoder;
/// absent optionals are written as `null`, as the service does.
struct BackupBody: Encodable, Sendable {
    /// `extend_info`.
    struct ExtendInfo: Encodable, Sendable {
        var autoTrigger: Bool
        var bootable: Bool?
        var containSystemDisk: Bool
        var encrypted: Bool
        var isMultiAz: Bool
        var supportLld: Bool
        var supportedRestoreMode: String
        var systemDisk: Bool

        private enum CodingKeys: String, CodingKey {
            case autoTrigger, bootable, containSystemDisk, encrypted, isMultiAz, supportLld, supportedRestoreMode
            case systemDisk, snapshotId, osImagesData
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(autoTrigger, forKey: .autoTrigger)
            try container.encode(bootable, forKey: .bootable)
            try container.encode(containSystemDisk, forKey: .containSystemDisk)
            try container.encode(encrypted, forKey: .encrypted)
            try container.encode(isMultiAz, forKey: .isMultiAz)
            try container.encode(supportLld, forKey: .supportLld)
            try container.encode(supportedRestoreMode, forKey: .supportedRestoreMode)
            try container.encode(systemDisk, forKey: .systemDisk)
            try container.encodeNil(forKey: .snapshotId)
            try container.encodeNil(forKey: .osImagesData)
        }
    }

    var id: String
    var name: String
    var description: String
    var checkpointId: String
    var vaultId: String
    var projectId: String
    var providerId: String
    var parentId: String?
    var resourceId: String
    var resourceName: String
    var resourceType: String
    var resourceAz: String
    /// GB.
    var resourceSize: Int
    var status: String
    var imageType: String
    var createdAt: CBRTime
    var updatedAt: CBRTime
    var expiredAt: CBRTime?
    var protectedAt: CBRTime?
    var extendInfo: ExtendInfo
    var children: [BackupBody]
    var incremental: Bool
    var version: Int
    var enterpriseProjectId: String
    /// A top-level backup's copies in other regions, in `show_backup` only (absent elsewhere).
    var replicationRecords: [ReplicationRecordBody]? = nil

    private enum CodingKeys: String, CodingKey {
        case id, name, description, checkpointId, vaultId, projectId, providerId, parentId, resourceId
        case resourceName, resourceType, resourceAz, resourceSize, status, imageType, createdAt, updatedAt
        case expiredAt, protectedAt, extendInfo, children, incremental, version, enterpriseProjectId
        case scheduledOperationId, replicationRecords
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(checkpointId, forKey: .checkpointId)
        try container.encode(vaultId, forKey: .vaultId)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(providerId, forKey: .providerId)
        try container.encode(parentId, forKey: .parentId)
        try container.encode(resourceId, forKey: .resourceId)
        try container.encode(resourceName, forKey: .resourceName)
        try container.encode(resourceType, forKey: .resourceType)
        try container.encode(resourceAz, forKey: .resourceAz)
        try container.encode(resourceSize, forKey: .resourceSize)
        try container.encode(status, forKey: .status)
        try container.encode(imageType, forKey: .imageType)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(expiredAt, forKey: .expiredAt)
        try container.encode(protectedAt, forKey: .protectedAt)
        try container.encode(extendInfo, forKey: .extendInfo)
        try container.encode(children, forKey: .children)
        try container.encode(incremental, forKey: .incremental)
        try container.encode(version, forKey: .version)
        try container.encode(enterpriseProjectId, forKey: .enterpriseProjectId)
        try container.encodeNil(forKey: .scheduledOperationId)
        try container.encodeIfPresent(replicationRecords, forKey: .replicationRecords)
    }
}

extension BackupBody {
    /// The wire form of a stored backup (with its disk backups as `children`) as seen at `now`.
    init(_ details: BackupDetails, now: Int64) {
        self.init(details.backup, children: details.children, enterpriseProjectID: details.enterpriseProjectId, now: now)
        replicationRecords = details.replicationRecords
    }

    private init(_ backup: BackupRecord, children: [BackupRecord], enterpriseProjectID: String, now: Int64) {
        let isServer = backup.resourceType == ResourceType.server
        self.init(
            id: backup.id,
            name: backup.name,
            description: backup.description,
            checkpointId: backup.checkpointId,
            vaultId: backup.vaultId,
            projectId: backup.projectId,
            providerId: ResourceType.providerID(objectType: isServer ? "server" : "disk"),
            parentId: backup.parentId,
            resourceId: backup.resourceId,
            resourceName: backup.resourceName,
            resourceType: backup.resourceType,
            resourceAz: backup.resourceAz,
            resourceSize: backup.resourceSizeGB,
            status: backup.status(at: now),
            imageType: backup.imageType,
            createdAt: CBRTime(micros: backup.createdAt),
            updatedAt: CBRTime(micros: backup.updated(at: now)),
            expiredAt: backup.expiresAt.map(CBRTime.init(micros:)),
            protectedAt: backup.finishesAt <= now ? CBRTime(micros: backup.finishesAt) : nil,
            extendInfo: ExtendInfo(
                autoTrigger: backup.autoTrigger,
                bootable: isServer ? nil : backup.bootable,
                containSystemDisk: isServer ? children.contains(where: \.bootable) : backup.bootable,
                encrypted: false,
                isMultiAz: false,
                supportLld: true,
                supportedRestoreMode: "backup",
                systemDisk: !isServer && backup.bootable
            ),
            children: children.map {
                BackupBody($0, children: [], enterpriseProjectID: enterpriseProjectID, now: now)
            },
            incremental: backup.incremental,
            version: 3,
            enterpriseProjectId: enterpriseProjectID
        )
    }
}

/// `{"backup": ...}` response envelope.
struct BackupEnvelope: Encodable, Sendable {
    var backup: BackupBody
}

/// `GET /v3/{project_id}/backups` response.
struct BackupListBody: Encodable, Sendable {
    var backups: [BackupBody]
    var count: Int
    var offset: Int
    var limit: Int
}

/// `PUT /v3/{project_id}/backups/{backup_id}` body.
struct BackupUpdateBody: Decodable, Sendable {
    struct Backup: Decodable, Sendable {
        var name: String?
    }

    var backup: Backup

    /// The new name.
    /// - Throws: `BackupService.9900` unless `backup.name` is a valid name (``WireText/name(_:field:)``).
    func validatedName() throws -> String {
        guard let name = backup.name else {
            throw EmulatorError.invalidParameter("Missing required field: backup.name.")
        }
        return try WireText.name(name, field: "backup.name")
    }
}

/// `POST /v3/{project_id}/backups/{backup_id}/restore` body.
struct BackupRestoreBody: Decodable, Sendable {
    struct Restore: Decodable, Sendable {
        struct Mapping: Decodable, Sendable {
            var backupId: String
            var volumeId: String
        }

        var serverId: String?
        var volumeId: String?
        var mappings: [Mapping]?
        var powerOn: Bool?
        var resourceId: String?
    }

    var restore: Restore

    /// The store's view of the target.
    /// - Throws: `BackupService.9900` for empty ids.
    func request() throws -> RestoreRequest {
        let restore = restore
        for (field, value) in [("server_id", restore.serverId), ("volume_id", restore.volumeId)] {
            if let value, value.isEmpty { throw EmulatorError.invalidParameter("restore.\(field) must not be empty.") }
        }
        let mappings = restore.mappings ?? []
        for (index, mapping) in mappings.enumerated() where mapping.backupId.isEmpty || mapping.volumeId.isEmpty {
            throw EmulatorError.invalidParameter("restore.mappings[\(index)] needs backup_id and volume_id.")
        }
        return RestoreRequest(
            serverID: restore.serverId ?? restore.resourceId,
            volumeID: restore.volumeId ?? restore.resourceId,
            mappings: mappings.map { RestoreRequest.Mapping(backupID: $0.backupId, volumeID: $0.volumeId) }
        )
    }
}

/// `GET /v3/{project_id}/backups/{backup_id}/metadata` (reference §2.4.6): the resource as the backup recorded it.
/// The reference gives only the field names and types (strings and lists of strings); their content here is
/// inferred: `server` and each entry of `volumes` are JSON objects written as text, `backups` the disk backups as a
/// JSON array; the emulator records no flavor, network ports, floating IPs or workspace (`{}`, `[]`, `""`).
struct BackupMetadataBody: Encodable, Sendable {
    private struct Server: Encodable {
        var id: String
        var name: String
        var availabilityZone: String
    }

    private struct Volume: Encodable {
        var id: String
        var name: String
        var size: Int
        var bootable: Bool
    }

    private struct DiskBackup: Encodable {
        var id: String
        var volumeId: String
        var size: Int
        var bootable: Bool
    }

    var backupId: String
    var backups: String
    var flavor = "{}"
    var floatingips: [String] = []
    var interface = "[]"
    var ports: [String] = []
    var server: String
    var volumes: [String]
    var workspace = ""

    init(_ details: BackupDetails) {
        let backup = details.backup
        let isServer = backup.resourceType == ResourceType.server
        let disks = isServer ? details.children : [backup]
        backupId = backup.id
        backups = WireJSON.encodeText(
            disks.map { DiskBackup(id: $0.id, volumeId: $0.resourceId, size: $0.resourceSizeGB, bootable: $0.bootable) }
        )
        server = isServer
            ? WireJSON.encodeText(
                Server(id: backup.resourceId, name: backup.resourceName, availabilityZone: backup.resourceAz)
            )
            : "{}"
        volumes = disks.map {
            WireJSON.encodeText(
                Volume(id: $0.resourceId, name: $0.resourceName, size: $0.resourceSizeGB, bootable: $0.bootable)
            )
        }
    }
}
