import Foundation
import GRDB

extension EmulatorStore {
    /// Creates a checkpoint and one backup per resource (a server backup gets one child per disk), with a
    /// `backup` task in the operation log per resource. Resources with a backup still `protecting` are skipped.
    /// - Parameters:
    ///   - request: The validated request.
    ///   - projectID: The caller's project.
    ///   - now: The current time.
    ///   - finishesAt: When the checkpoint stops `protecting`.
    ///   - environment: The ids of the new records; the durations of the scheduled runs due first.
    /// - Throws: ``EmulatorError`` 6105 (no such vault), 6113 (vault not available), 6114 (vault full),
    ///   0001 (nothing to back up), 6135 (resource not in the vault), 6134 (resource being removed),
    ///   2010 (resource being restored), 1001 (every resource is already being backed up).
    func createCheckpoint(
        _ request: CheckpointRequest,
        projectID: String,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws -> CheckpointDetails {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(request.vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.billingStatus == "available" else { throw EmulatorError.vaultNotAvailableForBackup }
            guard try Self.usedMB(vaultID: vault.id, at: now, in: db) < vault.sizeGB * 1024 else {
                throw EmulatorError.vaultFull
            }
            let chosen = try Self.choose(request.resourceIDs, from: try Self.members(of: vault.id, in: db))
            let (members, skipped) = try Self.partition(chosen, vault: vault, now: now, in: db)
            guard !members.isEmpty else { throw EmulatorError.backupAlreadyRunning }
            let checkpoint = CheckpointRecord(
                id: environment.identifiers.orderedUUID(at: now), projectId: projectID, vaultId: vault.id,
                name: request.name,
                description: request.description, incremental: request.incremental,
                autoTrigger: request.autoTrigger, retentionDuration: request.retentionDays, createdAt: now,
                finishesAt: finishesAt,
                outcome: request.outcome.rawValue, skipped: WireJSON.encodeText(skipped)
            )
            try Self.insertCheckpoint(checkpoint, of: members, vault: vault, ids: environment.identifiers, in: db)
            return try Self.checkpointDetails(of: checkpoint, at: now, in: db)
        }
    }

    /// Stores `checkpoint` with one backup per member of `vault` (a server backup gets one child per disk) and a
    /// `backup` task per member. Manual creates and scheduled policy runs both come through here.
    /// - Parameters:
    ///   - checkpoint: The checkpoint; its times, name, flags and outcome are copied to the backups.
    ///   - members: The resources to back up (already checked).
    ///   - vault: Their vault.
    ///   - policyID: The policy that triggered the backup (set on the tasks), `nil` for a manual one.
    ///   - ids: The source of the backups' and tasks' ids.
    ///   - db: The caller's write.
    /// - Throws: ``EmulatorError/resourceNotFound(_:)`` if a member has left the inventory.
    static func insertCheckpoint(
        _ checkpoint: CheckpointRecord,
        of members: [VaultResourceRecord],
        vault: VaultRecord,
        policyID: String? = nil,
        ids: IdentifierSource,
        in db: Database
    ) throws {
        try checkpoint.insert(db)
        for member in members {
            let backup = try insertBackups(of: member, checkpoint: checkpoint, ids: ids, in: db)
            try logBackup(backup, vault: vault, checkpoint: checkpoint, policyID: policyID, ids: ids, in: db)
        }
    }

    /// The checkpoint of `projectID` with this id, if any (another project's checkpoint is `nil`).
    func checkpointDetails(
        id: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> CheckpointDetails? {
        try await settledRead(at: now, environment: environment) { db in
            guard let checkpoint = try CheckpointRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM checkpoint WHERE id = ? AND projectId = ?"),
                arguments: [id, projectID]
            )
            else { return nil }
            return try Self.checkpointDetails(of: checkpoint, at: now, in: db)
        }
    }

    private static func choose(_ ids: [String]?, from members: [VaultResourceRecord]) throws -> [VaultResourceRecord] {
        guard !members.isEmpty else {
            throw EmulatorError.nothingToBackUp
        }
        guard let ids else { return members }
        var chosen: [VaultResourceRecord] = []
        for id in ids where !chosen.contains(where: { $0.resourceId == id }) {
            guard let member = members.first(where: { $0.resourceId == id }) else {
                throw EmulatorError.resourceNotInVault(id)
            }
            chosen.append(member)
        }
        return chosen
    }

    /// Refuses resources being removed or restored; sets aside those with a backup still `protecting`.
    private static func partition(
        _ chosen: [VaultResourceRecord],
        vault: VaultRecord,
        now: Int64,
        in db: Database
    ) throws -> ([VaultResourceRecord], [SkippedResource]) {
        var members: [VaultResourceRecord] = []
        var skipped: [SkippedResource] = []
        for member in chosen {
            guard member.removingUntil == nil else { throw EmulatorError.resourceBeingRemoved(member.resourceId) }
            if try runningRestore(target: member.resourceId, projectID: vault.projectId, now: now, in: db) {
                throw EmulatorError.resourceBeingRestored(member.resourceId)
            }
            if let busy = try skippedIfProtecting(member, vault: vault, at: now, in: db) {
                skipped.append(busy)
            } else {
                members.append(member)
            }
        }
        return (members, skipped)
    }

    private static func insertBackups(
        of member: VaultResourceRecord,
        checkpoint: CheckpointRecord,
        ids: IdentifierSource,
        in db: Database
    ) throws -> BackupRecord {
        let project = checkpoint.projectId
        guard let resource = try ProtectableResource.find(
            id: member.resourceId, type: member.resourceType, projectID: project, in: db
        ) else {
            throw EmulatorError.resourceNotFound(member.resourceId)
        }
        // A resource's first backup in the vault is full whatever was asked: an incremental one needs a backup
        // that still holds data to build on.
        let incremental = try checkpoint.incremental
            && hasBackupHoldingData(
                resourceID: resource.id, vaultID: checkpoint.vaultId, at: checkpoint.createdAt, in: db
            )
        let parent = backup(
            id: ids.orderedUUID(at: checkpoint.createdAt), of: resource.id, name: resource.name, type: resource.type,
            sizeGB: resource.sizeGB, sizeMB: resource.usedMB, parentID: nil, checkpoint: checkpoint,
            incremental: incremental, zone: resource.availabilityZone,
            bootable: resource.type == ResourceType.volume && resource.disks.first?.bootable == true
        )
        try parent.insert(db)
        guard resource.type == ResourceType.server else { return parent }
        for disk in resource.disks {
            try backup(
                id: ids.orderedUUID(at: checkpoint.createdAt), of: disk.id, name: disk.name, type: ResourceType.volume,
                sizeGB: disk.sizeGB, sizeMB: disk.usedMB, parentID: parent.id, checkpoint: checkpoint,
                incremental: incremental, zone: resource.availabilityZone, bootable: disk.bootable
            ).insert(db)
        }
        return parent
    }

    /// Whether a top-level backup of the resource in the vault holds data (`available` or `restoring`) at `time`.
    private static func hasBackupHoldingData(
        resourceID: String, vaultID: String, at time: Int64, in db: Database
    ) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM backup INDEXED BY backup_history
                    WHERE vaultId = :vault AND resourceId = :resource AND parentId IS NULL
                    AND \(BackupSQL.occupiesSpace))
                    """
            ),
            arguments: ["vault": vaultID, "resource": resourceID, "now": time]
        ) ?? false
    }

    /// The microseconds in a day, for `retention_duration_days`.
    static let microsPerDay: Int64 = 86_400 * 1_000_000

    // Parameters mirror the record's columns one to one.
    static func backup(
        id: String, of resourceID: String, name: String, type: String, sizeGB: Int, sizeMB: Int, parentID: String?,
        checkpoint: CheckpointRecord, incremental: Bool, zone: String, bootable: Bool
    ) -> BackupRecord {
        let days = Int64(checkpoint.retentionDuration)
        return BackupRecord(
            id: id, checkpointId: checkpoint.id, parentId: parentID, vaultId: checkpoint.vaultId,
            projectId: checkpoint.projectId, resourceId: resourceID, resourceName: name, resourceType: type,
            resourceSizeGB: sizeGB, sizeMB: sizeMB, name: checkpoint.name, description: checkpoint.description,
            incremental: incremental, autoTrigger: checkpoint.autoTrigger, createdAt: checkpoint.createdAt,
            finishesAt: checkpoint.finishesAt, outcome: checkpoint.outcome, updatedAt: 0, resourceAz: zone,
            bootable: bootable, restoringUntil: nil, deletingUntil: nil,
            expiresAt: days > 0 ? checkpoint.createdAt + days * microsPerDay : nil
        )
    }

    private static func logBackup(
        _ backup: BackupRecord,
        vault: VaultRecord,
        checkpoint: CheckpointRecord,
        policyID: String?,
        ids: IdentifierSource,
        in db: Database
    ) throws {
        let failed = checkpoint.outcome == CheckpointOutcome.error.rawValue
        var task = OperationLogRecord(
            type: "backup", backup: backup, vault: vault, startedAt: checkpoint.createdAt,
            finishesAt: checkpoint.finishesAt, failure: failed ? EmulatorError.backupFailed : nil, ids: ids
        )
        task.checkpointId = checkpoint.id
        task.incremental = backup.incremental
        task.policyId = policyID
        try task.insert(db)
    }

    private static func checkpointDetails(
        of checkpoint: CheckpointRecord,
        at now: Int64,
        in db: Database
    ) throws -> CheckpointDetails {
        guard let vault = try VaultRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM vault WHERE id = ?"), arguments: [checkpoint.vaultId]
        ) else {
            throw EmulatorError.vaultNotFound
        }
        let backups = try BackupRecord.fetchAll(
            db.cachedStatement(
                sql: "SELECT * FROM backup WHERE checkpointId = ? AND vaultId = ? AND parentId IS NULL ORDER BY rowid"
            ),
            arguments: [checkpoint.id, vault.id]
        )
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: earlierBackupsSQL),
            arguments: ["vault": vault.id, "checkpoint": checkpoint.id, "before": checkpoint.createdAt, "now": now]
        )
        var earlier: [String: ResourceHistory] = [:]
        for backup in backups { earlier[backup.resourceId] = ResourceHistory() }
        for row in rows {
            earlier[row[0]] = ResourceHistory(count: row[1], sizeMB: row[2])
        }
        return CheckpointDetails(checkpoint: checkpoint, vault: vault, backups: backups, earlier: earlier)
    }

    /// SQL: per resource of the checkpoint `:checkpoint`, the count and MB of its top-level backups in `:vault`
    /// created before `:before` that hold data at `:now`. One statement for the whole checkpoint, read from the
    /// covering index `backup_history` alone (no table row per backup; `EmulatorStoreIndexTests` checks the plan).
    static let earlierBackupsSQL = """
        SELECT resourceId, COUNT(*), COALESCE(SUM(sizeMB), 0) FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND parentId IS NULL AND createdAt < :before AND \(BackupSQL.occupiesSpace)
        AND resourceId IN (SELECT resourceId FROM backup WHERE checkpointId = :checkpoint AND parentId IS NULL)
        GROUP BY resourceId
        """

    /// SQL: `billing.used` of the vault `:vault` at `:now`, the MB of its top-level backups that hold data, from
    /// the covering index `backup_history` alone.
    static let vaultUsageSQL = """
        SELECT COALESCE(SUM(sizeMB), 0) FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND parentId IS NULL AND \(BackupSQL.occupiesSpace)
        """

    /// `billing.used` of a vault at `now` (``vaultUsageSQL``).
    static func usedMB(vaultID: String, at now: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: vaultUsageSQL), arguments: ["vault": vaultID, "now": now]) ?? 0
    }

    /// Whether a top-level backup of this resource in this vault is still `protecting` at `now` (``isProtectingSQL``).
    static func isProtecting(resourceID: String, vaultID: String, at now: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: isProtectingSQL), arguments: ["vault": vaultID, "resource": resourceID, "now": now]
        ) ?? false
    }

    /// SQL: whether a top-level backup of `:resource` in `:vault` is still `protecting` at `:now`: one range of the
    /// covering index `backup_history` (finish times after `:now`), not every backup of the resource.
    static let isProtectingSQL = """
        SELECT EXISTS (SELECT 1 FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND resourceId = :resource AND finishesAt > :now AND parentId IS NULL
        AND \(BackupSQL.protecting))
        """

    /// The skip record (`BackupService.6125`) for a resource whose backup in this vault is still running at `now`,
    /// or `nil` when it can be backed up; manual and scheduled checkpoints skip such resources alike.
    static func skippedIfProtecting(
        _ member: VaultResourceRecord, vault: VaultRecord, at now: Int64, in db: Database
    ) throws -> SkippedResource? {
        guard try isProtecting(resourceID: member.resourceId, vaultID: vault.id, at: now, in: db) else { return nil }
        return SkippedResource(
            id: member.resourceId, type: member.resourceType, name: member.name,
            code: "BackupService.6125", reason: "A backup task of this resource is already running."
        )
    }
}
