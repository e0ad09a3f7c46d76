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

/// A replication record of a backup in `show_backup`'s `replication_records` (the SDK's `ReplicationRecordGet`):
/// one per replica of the backup that is not being deleted, the record's id being the replica's.
struct ReplicationRecordBody: Encodable, Sendable, Equatable {
    /// `extra_info` (the SDK's `ReplicationRecordsExtraInfo`, without the failure fields: a copy never fails).
    struct ExtraInfo: Encodable, Sendable, Equatable {
        var autoTrigger: Bool
        var destinationVaultId: String
        var progress: Int
    }

    var createdAt: String
    var destinationBackupId: String
    var destinationCheckpointId: String
    var destinationProjectId: String
    var destinationRegion: String
    var destinationVaultId: String
    var extraInfo: ExtraInfo
    var id: String
    var sourceBackupId: String
    var sourceCheckpointId: String
    var sourceProjectId: String
    var sourceRegion: String
    /// `replicating` while the replica is being made, then `available` (**inferred** values).
    var status: String
    var vaultId: String

    /// The record of `replica`, a copy of `source`, in the regions given, as seen at `now`.
    init(source: BackupRecord, sourceRegion: String, replica: BackupRecord, destinationRegion: String, now: Int64) {
        let done = replica.finishesAt <= now
        let total = replica.finishesAt - replica.createdAt
        createdAt = WireTime.cbr(replica.createdAt)
        destinationBackupId = replica.id
        destinationCheckpointId = replica.checkpointId
        destinationProjectId = replica.projectId
        self.destinationRegion = destinationRegion
        destinationVaultId = replica.vaultId
        extraInfo = ExtraInfo(
            autoTrigger: replica.autoTrigger, destinationVaultId: replica.vaultId,
            progress: done || total <= 0 ? 100 : Int(max(0, min(100, (now - replica.createdAt) * 100 / total)))
        )
        id = replica.id
        sourceBackupId = source.id
        sourceCheckpointId = source.checkpointId
        sourceProjectId = source.projectId
        self.sourceRegion = sourceRegion
        status = done ? "available" : "replicating"
        vaultId = source.vaultId
    }

    /// Writes this record as a JSON object, as the encoder would (sorted snake_case keys).
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("created_at", createdAt)
            json.member("destination_backup_id", destinationBackupId)
            json.member("destination_checkpoint_id", destinationCheckpointId)
            json.member("destination_project_id", destinationProjectId)
            json.member("destination_region", destinationRegion)
            json.member("destination_vault_id", destinationVaultId)
            json.key("extra_info")
            json.object { info in
                info.member("auto_trigger", extraInfo.autoTrigger)
                info.member("destination_vault_id", extraInfo.destinationVaultId)
                info.member("progress", extraInfo.progress)
            }
            json.member("id", id)
            json.member("source_backup_id", sourceBackupId)
            json.member("source_checkpoint_id", sourceCheckpointId)
            json.member("source_project_id", sourceProjectId)
            json.member("source_region", sourceRegion)
            json.member("status", status)
            json.member("vault_id", vaultId)
        }
    }
}
