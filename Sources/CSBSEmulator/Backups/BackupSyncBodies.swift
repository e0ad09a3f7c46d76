/// `POST /checkpoints/sync` body (`import_checkpoint`, SDK `SyncReq`): synchronize a hybrid-cloud vault's backups
/// from its on-premises backup storage unit.
struct CheckpointSyncBody: Decodable, Sendable {
    struct Sync: Decodable, Sendable {
        var vaultId: String?
        var autoTrigger: Bool?
    }

    var sync: Sync?

    /// The vault to synchronize.
    /// - Throws: `BackupService.9900` without `sync.vault_id`.
    func vaultID() throws -> String {
        guard let id = sync?.vaultId, !id.isEmpty else {
            throw EmulatorError.invalidParameter("sync.vault_id is required.")
        }
        return id
    }
}

/// `POST /backups/sync` body (`import_backup`, SDK `BackupSyncReq`): on-premises backups to synchronize, each
/// described by where it lies on the storage unit (`bucket_name`, `image_path`).
struct BackupSyncBody: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var backupId: String?
        var backupName: String?
        var bucketName: String?
        var imagePath: String?
        var resourceId: String?
        var resourceName: String?
        var resourceType: String?
        /// Seconds since 1970.
        var createdAt: Int?
    }

    var sync: [Item]?

    /// The resource types of an on-premises backup (Huawei's API page).
    static let resourceTypes: Set<String> = ["OS::Native::Server", "OS::VMware::Server"]

    /// The validated backups: 1 to 50 (Huawei's API page), every field present, `backup_name` by the name rule,
    /// `bucket_name` 1–255 characters, `image_path` and the ids not empty, the resource type one of
    /// ``resourceTypes``, `created_at` not negative.
    /// - Throws: `BackupService.9900` naming the field.
    func validated() throws -> [BackupSync] {
        guard let sync, (1...50).contains(sync.count) else {
            throw EmulatorError.invalidParameter("sync must list 1 to 50 backups.")
        }
        return try sync.enumerated().map { index, item in
            let field = "sync[\(index)]."
            func required(_ value: String?, _ name: String, maxLength: Int = 255) throws -> String {
                guard let value, !value.isEmpty else {
                    throw EmulatorError.invalidParameter("\(field)\(name) is required.")
                }
                return try WireText.description(value, field: field + name, maxLength: maxLength)
            }
            let backupName = try WireText.name(
                try required(item.backupName, "backup_name"), field: field + "backup_name"
            )
            let resourceType = try required(item.resourceType, "resource_type")
            try VaultCreateBody.check(field + "resource_type", resourceType, in: Self.resourceTypes)
            guard let createdAt = item.createdAt, createdAt >= 0 else {
                throw EmulatorError.invalidParameter("\(field)created_at must be a time in seconds.")
            }
            return BackupSync(
                backupID: try required(item.backupId, "backup_id"), backupName: backupName,
                bucketName: try required(item.bucketName, "bucket_name"),
                imagePath: try required(item.imagePath, "image_path", maxLength: 1024),
                resourceID: try required(item.resourceId, "resource_id"),
                resourceName: try required(item.resourceName, "resource_name"), resourceType: resourceType
            )
        }
    }
}

/// One checked backup of an `import_backup` request.
struct BackupSync: Sendable, Equatable {
    var backupID: String
    var backupName: String
    var bucketName: String
    var imagePath: String
    var resourceID: String
    var resourceName: String
    var resourceType: String
}

/// `import_checkpoint`'s answer: `{"sync": {"operation_log_id", "vault_id"}}`.
struct CheckpointSyncAnswer: Encodable, Sendable {
    struct Sync: Encodable, Sendable {
        var operationLogId: String
        var vaultId: String
    }

    var sync: Sync
}

/// `import_backup`'s answer: `{"sync": [{"backup_id", "operation_log_id"}]}`.
struct BackupSyncAnswer: Encodable, Sendable {
    struct Sync: Encodable, Sendable {
        var backupId: String
        var operationLogId: String
    }

    var sync: [Sync]
}
