/// The destination fields `copy_backup` and `copy_checkpoint` share (SDK `BackupReplicateReqBody`,
/// `CheckpointReplicateParam`).
struct ReplicationDestinationFields: Sendable {
    var projectID: String?
    var region: String?
    var vaultID: String?
    var crossAccountURN: String?

    /// The target: project, region and vault are required.
    /// - Throws: `BackupService.9900` for a missing or empty one, or a `cross_account_urn` (not emulated).
    func target(field: String) throws -> ReplicationTarget {
        guard crossAccountURN == nil else {
            throw EmulatorError.invalidParameter("\(field).cross_account_urn is not supported by the emulator.")
        }
        let values = [("destination_project_id", projectID), ("destination_region", region), ("destination_vault_id", vaultID)]
        for (name, value) in values where value?.isEmpty ?? true {
            throw EmulatorError.invalidParameter("\(field).\(name) is required.")
        }
        return ReplicationTarget(projectID: projectID ?? "", region: region ?? "", vaultID: vaultID ?? "")
    }
}

/// `POST /backups/{backup_id}/replicate`: `{"replicate": {destination_project_id, destination_region,
/// destination_vault_id, name?, description?, enable_acceleration?}}`.
struct BackupReplicateBody: Decodable, Sendable {
    struct Replicate: Decodable, Sendable {
        var destinationProjectId: String?
        var destinationRegion: String?
        var destinationVaultId: String?
        var name: String?
        var description: String?
        var enableAcceleration: Bool?
        var crossAccountUrn: String?
    }

    var replicate: Replicate

    /// The validated request: target, optional name (the name rule) and description (255 characters, no control
    /// characters).
    /// - Throws: `BackupService.9900`.
    func request() throws -> (target: ReplicationTarget, name: String?, description: String?) {
        let fields = ReplicationDestinationFields(
            projectID: replicate.destinationProjectId, region: replicate.destinationRegion,
            vaultID: replicate.destinationVaultId, crossAccountURN: replicate.crossAccountUrn
        )
        let target = try fields.target(field: "replicate")
        let name = try replicate.name.map { try WireText.name($0, field: "replicate.name") }
        let description = try replicate.description.map {
            try WireText.description($0, field: "replicate.description")
        }
        return (target, name, description)
    }
}

/// `POST /checkpoints/replicate`: `{"replicate": {vault_id, destination_project_id, destination_region,
/// destination_vault_id, auto_trigger?, enable_acceleration?}}`.
struct CheckpointReplicateBody: Decodable, Sendable {
    struct Replicate: Decodable, Sendable {
        var vaultId: String?
        var destinationProjectId: String?
        var destinationRegion: String?
        var destinationVaultId: String?
        var autoTrigger: Bool?
        var enableAcceleration: Bool?
        var crossAccountUrn: String?
    }

    var replicate: Replicate

    /// The validated request: the source vault, the target and `auto_trigger` (false by default).
    /// - Throws: `BackupService.9900`.
    func request() throws -> (vaultID: String, target: ReplicationTarget, autoTrigger: Bool) {
        guard let vaultID = replicate.vaultId, !vaultID.isEmpty else {
            throw EmulatorError.invalidParameter("replicate.vault_id is required.")
        }
        let fields = ReplicationDestinationFields(
            projectID: replicate.destinationProjectId, region: replicate.destinationRegion,
            vaultID: replicate.destinationVaultId, crossAccountURN: replicate.crossAccountUrn
        )
        return (vaultID, try fields.target(field: "replicate"), replicate.autoTrigger ?? false)
    }
}

/// `copy_backup`'s answer (SDK `BackupReplicateRespBody` under `replication`).
struct BackupReplicationBody: Encodable, Sendable {
    struct Replication: Encodable, Sendable {
        var backupId: String
        var destinationProjectId: String
        var destinationRegion: String
        var destinationVaultId: String
        var projectId: String
        var providerId: String
        var replicationRecordId: String
        var sourceRegion: String
    }

    var replication: Replication
}

/// `copy_checkpoint`'s answer (SDK `CheckpointReplicateRespBody` under `replication`).
struct CheckpointReplicationBody: Encodable, Sendable {
    struct Replicated: Encodable, Sendable {
        var backupId: String
        var replicationRecordId: String
    }

    struct Replication: Encodable, Sendable {
        var backups: [Replicated]
        var destinationProjectId: String
        var destinationRegion: String
        var destinationVaultId: String
        var projectId: String
        var providerId: String
        var sourceRegion: String
        var vaultId: String
    }

    var replication: Replication
}
