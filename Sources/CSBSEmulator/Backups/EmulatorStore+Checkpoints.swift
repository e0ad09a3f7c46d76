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
            let all = try Self.members(of: vault.id, in: db)
            let inputs = try CheckpointInputs(vault: vault, members: all, at: now, in: db)
            guard inputs.usedMB < vault.sizeGB * 1024 else { throw EmulatorError.vaultFull }
            let chosen = try Self.choose(request.resourceIDs, from: all)
            let (members, skipped) = try Self.partition(chosen, inputs: inputs)
            guard !members.isEmpty else { throw EmulatorError.backupAlreadyRunning }
            let checkpoint = CheckpointRecord(
                id: environment.identifiers.orderedUUID(at: now), projectId: projectID, vaultId: vault.id,
                name: request.name,
                description: request.description, incremental: request.incremental,
                autoTrigger: request.autoTrigger, retentionDuration: request.retentionDays, createdAt: now,
                finishesAt: finishesAt,
                outcome: request.outcome.rawValue, skipped: WireJSON.encodeText(skipped)
            )
            let backups = try Self.insertCheckpoint(
                checkpoint, of: members, vault: vault, inputs: inputs, ids: environment.identifiers, in: db
            )
            // The answer from what was just stored and read, where show_checkpoint reads it back
            // (``checkpointDetails(of:at:in:)``); `CheckpointInputsTests.createAnswersAsShow` keeps the two equal.
            return CheckpointDetails(
                checkpoint: checkpoint, vault: vault, backups: backups, earlier: inputs.earlier(of: backups)
            )
        }
    }

    /// Stores `checkpoint` with one backup per member of `vault` (a server backup gets one child per disk) and a
    /// `backup` task per member. Manual creates and scheduled policy runs both come through here.
    /// - Parameters:
    ///   - checkpoint: The checkpoint; its times, name, flags and outcome are copied to the backups.
    ///   - members: The resources to back up (already checked).
    ///   - vault: Their vault.
    ///   - inputs: The vault's state read at the checkpoint's creation.
    ///   - policyID: The policy that triggered the backup (set on the tasks), `nil` for a manual one.
    ///   - ids: The source of the backups' and tasks' ids.
    ///   - db: The caller's write.
    /// - Returns: The top-level backups, in the order of `members`.
    /// - Throws: ``EmulatorError/resourceNotFound(_:)`` if a member has left the inventory.
    @discardableResult
    static func insertCheckpoint(
        _ checkpoint: CheckpointRecord,
        of members: [VaultResourceRecord],
        vault: VaultRecord,
        inputs: CheckpointInputs,
        policyID: String? = nil,
        ids: IdentifierSource,
        in db: Database
    ) throws -> [BackupRecord] {
        try checkpoint.insert(db)
        // Backups, their counts and tasks go in many rows per statement (``BatchInsert``), in the order they are
        // made; each batch stores its last rows at `finish()`.
        var backupInsert = try BatchInsert<BackupRecord>(in: db)
        var countInsert = try BatchInsert<BackupCount>(in: db)
        var taskInsert = try BatchInsert<OperationLogRecord>(in: db)
        var backups: [BackupRecord] = []
        backups.reserveCapacity(members.count)
        for member in members {
            guard let resource = inputs.resources[member.resourceId] else {
                throw EmulatorError.resourceNotFound(member.resourceId)
            }
            let backup = try insertBackups(
                of: resource, checkpoint: checkpoint, inputs: inputs, ids: ids, using: &backupInsert
            )
            if let count = BackupCount(backup) { try countInsert.insert(count) }
            try taskInsert.insert(
                backupTask(of: backup, vault: vault, checkpoint: checkpoint, policyID: policyID, ids: ids)
            )
            backups.append(backup)
        }
        try backupInsert.finish()
        try countInsert.finish()
        try taskInsert.finish()
        return backups
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
        // By id, not by searching the list per id: a checkpoint naming 1,000 servers compared a million ids.
        let byID = Dictionary(members.map { ($0.resourceId, $0) }, uniquingKeysWith: { first, _ in first })
        var chosen: [VaultResourceRecord] = []
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted {
            guard let member = byID[id] else { throw EmulatorError.resourceNotInVault(id) }
            chosen.append(member)
        }
        return chosen
    }

    /// Refuses resources being removed or restored; sets aside those with a backup still `protecting`.
    private static func partition(
        _ chosen: [VaultResourceRecord],
        inputs: CheckpointInputs
    ) throws -> ([VaultResourceRecord], [SkippedResource]) {
        var members: [VaultResourceRecord] = []
        var skipped: [SkippedResource] = []
        for member in chosen {
            guard member.removingUntil == nil else { throw EmulatorError.resourceBeingRemoved(member.resourceId) }
            if inputs.restoring.contains(member.resourceId) {
                throw EmulatorError.resourceBeingRestored(member.resourceId)
            }
            if let busy = inputs.skippedIfProtecting(member) {
                skipped.append(busy)
            } else {
                members.append(member)
            }
        }
        return (members, skipped)
    }

    private static func insertBackups(
        of resource: ProtectableResource,
        checkpoint: CheckpointRecord,
        inputs: CheckpointInputs,
        ids: IdentifierSource,
        using insert: inout BatchInsert<BackupRecord>
    ) throws -> BackupRecord {
        // A resource's first backup in the vault is full whatever was asked: an incremental one needs a backup
        // that still holds data to build on.
        let incremental = checkpoint.incremental && inputs.holdsData(resource.id)
        let parent = backup(
            id: ids.orderedUUID(at: checkpoint.createdAt), of: resource.id, name: resource.name, type: resource.type,
            sizeGB: resource.sizeGB, sizeMB: resource.usedMB, parentID: nil, checkpoint: checkpoint,
            incremental: incremental, zone: resource.availabilityZone,
            bootable: resource.type == ResourceType.volume && resource.disks.first?.bootable == true
        )
        try insert.insert(parent)
        guard resource.type == ResourceType.server else { return parent }
        for disk in resource.disks {
            try insert.insert(
                backup(
                    id: ids.orderedUUID(at: checkpoint.createdAt), of: disk.id, name: disk.name,
                    type: ResourceType.volume, sizeGB: disk.sizeGB, sizeMB: disk.usedMB, parentID: parent.id,
                    checkpoint: checkpoint, incremental: incremental, zone: resource.availabilityZone,
                    bootable: disk.bootable
                )
            )
        }
        return parent
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

    /// The `backup` task of `backup`, made by `checkpoint`.
    private static func backupTask(
        of backup: BackupRecord,
        vault: VaultRecord,
        checkpoint: CheckpointRecord,
        policyID: String?,
        ids: IdentifierSource
    ) -> OperationLogRecord {
        let failed = checkpoint.outcome == CheckpointOutcome.error.rawValue
        var task = OperationLogRecord(
            type: "backup", backup: backup, vault: vault, startedAt: checkpoint.createdAt,
            finishesAt: checkpoint.finishesAt, failure: failed ? EmulatorError.backupFailed : nil, ids: ids
        )
        task.checkpointId = checkpoint.id
        task.incremental = backup.incremental
        task.policyId = policyID
        return task
    }

    static func checkpointDetails(
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
        // What holds data now, less what of it was created since the checkpoint (a range of the vault's
        // history, usually short: the backups made since), is what holds data of the backups made before it.
        let usage = try resourceUsage(of: vault.id, at: now, in: db)
        var earlier: [String: ResourceHistory] = [:]
        for backup in backups { earlier[backup.resourceId] = usage[backup.resourceId]?.held ?? ResourceHistory() }
        let since = try db.cachedStatement(sql: heldSinceSQL)
        since.setUncheckedArguments(["vault": vault.id, "since": checkpoint.createdAt, "now": now])
        let rows = try Row.fetchCursor(since)
        while let row = try rows.next() {
            let id: String = row[0]
            guard var history = earlier[id] else { continue }
            history.count -= 1
            history.sizeMB -= row[1] as Int
            earlier[id] = history
        }
        return CheckpointDetails(checkpoint: checkpoint, vault: vault, backups: backups, earlier: earlier)
    }

    /// SQL: the resource id and MB of each top-level backup of `:vault` created at `:since` or later that holds
    /// data at `:now`, from a range of the covering index `backup_history` (`EmulatorStoreIndexTests` checks the
    /// plan).
    static let heldSinceSQL = """
        SELECT resourceId, sizeMB FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND parentId IS NULL AND createdAt >= :since AND \(BackupSQL.occupiesSpace)
        """

    /// `billing.used` of a vault at `now`: the MB of its top-level backups that hold data
    /// (``resourceUsage(of:at:in:)``).
    static func usedMB(vaultID: String, at now: Int64, in db: Database) throws -> Int {
        try resourceUsage(of: vaultID, at: now, in: db).values.reduce(0) { $0 + $1.held.sizeMB }
    }
}
