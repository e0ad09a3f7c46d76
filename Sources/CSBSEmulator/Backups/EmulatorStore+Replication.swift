import GRDB

/// Where `copy_backup` and `copy_checkpoint` replicate to: a replication vault of a project in another region.
struct ReplicationTarget: Sendable, Equatable {
    var projectID: String
    var region: String
    var vaultID: String
}

/// A backup replicated by one request: the source backup and the replication record, which is the replica's id
/// in the destination vault.
struct ReplicatedBackup: Sendable, Equatable {
    var backupID: String
    var recordID: String
}

extension EmulatorStore {
    /// The regions the emulator has projects in (each project's name is its region), in name order.
    func regions() async throws -> [String] {
        try await readState { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM project ORDER BY name") }
    }

    /// Replicates one top-level backup of `projectID` into the target vault: the replica, with its disk
    /// backups, is `protecting` in the destination until `finishesAt`, then `available`, with `image_type`
    /// `replication`.
    /// - Throws: 6200 (no such backup), the destination's errors (``replicationVault(_:sourceRegion:in:)``),
    ///   6119 (a disk backup, not `available`, or a replica), 6102, 6120, 6114 (``replicate(_:into:…)``).
    func replicateBackup(
        id: String,
        projectID: String,
        sourceRegion: String,
        target: ReplicationTarget,
        name: String?,
        description: String?,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws -> (replicated: ReplicatedBackup, resourceType: String) {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let backup = try Self.backup(id, projectID: projectID, in: db) else { throw EmulatorError.backupNotFound }
            let vault = try Self.replicationVault(target, sourceRegion: sourceRegion, in: db)
            guard backup.parentId == nil else { throw EmulatorError.backupNotReplicable("it is a disk backup of a server backup") }
            guard backup.imageType == "backup" else { throw EmulatorError.backupNotReplicable("it is a replica") }
            let status = backup.status(at: now)
            guard status == "available" else { throw EmulatorError.backupNotReplicable("its status is \(status)") }
            guard let source = try VaultRecord.fetchOne(db, key: backup.vaultId) else { throw EmulatorError.internalError }
            let replica = try Self.replicate(
                [backup], from: (source, sourceRegion), into: (vault, target.region), name: name,
                description: description, autoTrigger: false, at: now, finishesAt: finishesAt,
                ids: environment.identifiers, in: db
            )
            guard let first = replica.first else { throw EmulatorError.internalError }
            return (first, backup.resourceType)
        }
    }

    /// Replicates every `available` backup of a vault of `projectID` that has no replica in the target vault yet
    /// (none is no error: the answer lists none).
    /// - Throws: 6105 (no such vault), the destination's errors, 6102 (the destination does not take the vault's
    ///   type), 6114.
    func replicateVault(
        id: String,
        projectID: String,
        sourceRegion: String,
        target: ReplicationTarget,
        autoTrigger: Bool,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws -> (vault: VaultRecord, replicated: [ReplicatedBackup]) {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let source = try Self.vault(id, projectID: projectID, in: db) else { throw EmulatorError.vaultNotFound }
            let vault = try Self.replicationVault(target, sourceRegion: sourceRegion, in: db)
            guard source.objectType == vault.objectType else {
                throw EmulatorError.resourceTypeMismatch(source.objectType, vaultType: vault.objectType)
            }
            let candidates = try BackupRecord.filter(Column("vaultId") == source.id && Column("parentId") == nil)
                .filter(Column("imageType") == "backup").order(Column("createdAt"), Column.rowID).fetchAll(db)
            let replicated = try Set(
                String.fetchAll(
                    db, sql: "SELECT sourceBackupId FROM backup WHERE vaultId = ? AND sourceBackupId IS NOT NULL",
                    arguments: [vault.id]
                )
            )
            let due = candidates.filter { $0.status(at: now) == "available" && !replicated.contains($0.id) }
            let replicas = try Self.replicate(
                due, from: (source, sourceRegion), into: (vault, target.region), name: nil, description: nil,
                autoTrigger: autoTrigger, at: now, finishesAt: finishesAt, ids: environment.identifiers, in: db
            )
            return (source, replicas)
        }
    }

    /// The destination vault of a replication.
    /// - Throws: 1011 (the region is the source's, or the project is not the emulator's project in that region),
    ///   6105 (no such vault in the destination project), 6112 (it is being deleted), 6118 (not a replication
    ///   vault).
    static func replicationVault(_ target: ReplicationTarget, sourceRegion: String, in db: Database) throws -> VaultRecord {
        guard target.region != sourceRegion else {
            throw EmulatorError.replicationDestinationInvalid("\(target.region) is the source region")
        }
        guard let project = try ProjectRecord.fetchOne(db, key: target.projectID), project.name == target.region else {
            throw EmulatorError.replicationDestinationInvalid(
                "no project \(target.projectID) in region \(target.region)"
            )
        }
        guard let vault = try vault(target.vaultID, projectID: project.id, in: db) else { throw EmulatorError.vaultNotFound }
        guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
        guard vault.protectType == "replication" else { throw EmulatorError.notAReplicationVault }
        return vault
    }

    /// Copies `backups` (top-level, `available`) of the `source` vault into `vault`, one checkpoint per backup, all or
    /// nothing. Each copy is a `replication` task of the source project, running while the replica is `protecting`.
    /// - Throws: 6102 (the vault does not take a backup's type), 6120 (a backup already has a replica there),
    ///   6114 (the replicas do not fit in the vault).
    private static func replicate(
        _ backups: [BackupRecord],
        from source: (vault: VaultRecord, region: String),
        into destination: (vault: VaultRecord, region: String),
        name: String?,
        description: String?,
        autoTrigger: Bool,
        at now: Int64,
        finishesAt: Int64,
        ids: IdentifierSource,
        in db: Database
    ) throws -> [ReplicatedBackup] {
        let vault = destination.vault
        var neededMB = try usedMB(vaultID: vault.id, at: now, in: db)
        for backup in backups {
            guard ResourceType.vault(vault.objectType, accepts: backup.resourceType) else {
                throw EmulatorError.resourceTypeMismatch(backup.resourceType, vaultType: vault.objectType)
            }
            let existing = try BackupRecord.filter(Column("vaultId") == vault.id)
                .filter(Column("sourceBackupId") == backup.id).filter(Column("deletingUntil") == nil).fetchCount(db)
            guard existing == 0 else { throw EmulatorError.alreadyReplicated }
            neededMB += backup.sizeMB
        }
        guard neededMB <= vault.sizeGB * 1024 else { throw EmulatorError.vaultFull }
        return try backups.map { backup in
            let checkpoint = CheckpointRecord(
                id: ids.orderedUUID(at: now), projectId: vault.projectId, vaultId: vault.id, name: name ?? backup.name,
                description: description ?? backup.description, incremental: false, autoTrigger: autoTrigger,
                retentionDuration: -1, createdAt: now, finishesAt: finishesAt, outcome: "available", skipped: "[]"
            )
            try checkpoint.insert(db)
            let replica = try copy(backup, parentID: nil, checkpoint: checkpoint, ids: ids, in: db)
            let children = try BackupRecord.filter(Column("parentId") == backup.id).order(Column.rowID).fetchAll(db)
            for child in children {
                _ = try copy(child, parentID: replica.id, checkpoint: checkpoint, ids: ids, in: db)
            }
            var task = OperationLogRecord(
                type: "replication", backup: backup, vault: source.vault, startedAt: now, finishesAt: finishesAt, ids: ids
            )
            task.replication = WireJSON.encodeText(
                OperationLogBody.ExtraInfo.Replication(
                    destinationBackupId: replica.id, destinationBackupName: replica.name,
                    destinationCheckpointId: checkpoint.id, destinationProjectId: vault.projectId,
                    destinationRegion: destination.region, sourceBackupId: backup.id, sourceBackupName: backup.name,
                    sourceCheckpointId: backup.checkpointId, sourceProjectId: backup.projectId,
                    sourceRegion: source.region
                )
            )
            try task.insert(db)
            return ReplicatedBackup(backupID: backup.id, recordID: replica.id)
        }
    }

    /// Stores the replica of one backup (or disk backup) in the checkpoint's vault and project.
    private static func copy(
        _ source: BackupRecord, parentID: String?, checkpoint: CheckpointRecord, ids: IdentifierSource, in db: Database
    ) throws -> BackupRecord {
        var replica = source
        replica.id = ids.orderedUUID(at: checkpoint.createdAt)
        replica.checkpointId = checkpoint.id
        replica.parentId = parentID
        replica.vaultId = checkpoint.vaultId
        replica.projectId = checkpoint.projectId
        replica.name = checkpoint.name
        replica.description = checkpoint.description
        replica.incremental = false
        replica.autoTrigger = checkpoint.autoTrigger
        replica.createdAt = checkpoint.createdAt
        replica.finishesAt = checkpoint.finishesAt
        replica.outcome = "available"
        replica.updatedAt = 0
        replica.restoringUntil = nil
        replica.deletingUntil = nil
        replica.expiresAt = nil
        replica.imageType = "replication"
        replica.sourceBackupId = source.id
        try replica.insert(db)
        return replica
    }
}
