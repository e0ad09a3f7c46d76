import GRDB

extension EmulatorStore {
    /// Starts restoring a backup: it (and its disk backups) is `restoring` until `finishesAt`, and a `restore`
    /// task records the target.
    /// - Throws: 6200 (no such backup), 6202 (vault not available), 2005 (backup not available),
    ///   7100/7000 (unknown target server/disk), 9900 (bad mappings), 2010 (target being restored),
    ///   2002 (target being backed up).
    func restoreBackup(
        id: String,
        projectID: String,
        target: RestoreRequest,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard let backup = try Self.backup(id, projectID: projectID, in: db) else {
                throw EmulatorError.backupNotFound
            }
            guard let vault = try VaultRecord.fetchOne(db, key: backup.vaultId), vault.billingStatus == "available"
            else { throw EmulatorError.vaultNotAvailableForRestore }
            let status = backup.status(at: now)
            guard status == "available" else { throw EmulatorError.backupNotRestorable(status) }
            let resource = try Self.restoreTarget(of: backup, target: target, in: db)
            if try Self.runningRestore(target: resource.id, projectID: projectID, now: now, in: db) {
                throw EmulatorError.resourceBeingRestored(resource.id)
            }
            let busy = try BackupRecord.filter(Column("resourceId") == resource.id && Column("deletingUntil") == nil)
                .fetchAll(db)
                .contains { $0.status(at: now) == "protecting" }
            if busy { throw EmulatorError.resourceBeingBackedUp(resource.id) }
            try Self.family(of: backup, in: db).updateAll(
                db, Column("restoringUntil").set(to: finishesAt), Column("updatedAt").set(to: now)
            )
            var task = OperationLogRecord(
                type: "restore", backup: backup, vault: vault, startedAt: now, finishesAt: finishesAt,
                ids: environment.identifiers
            )
            task.targetResourceId = resource.id
            task.targetResourceName = resource.name
            try task.insert(db)
        }
    }

    /// The resource a restore writes to. A server backup restores to `server_id` (default: the backed-up
    /// server); another server needs `mappings` of its disk backups. A disk backup restores to `volume_id`
    /// (default: the backed-up disk).
    private static func restoreTarget(
        of backup: BackupRecord,
        target: RestoreRequest,
        in db: Database
    ) throws -> ProtectableResource {
        let project = backup.projectId
        guard backup.resourceType == ResourceType.server else {
            let volumeID = target.volumeID ?? backup.resourceId
            guard let disk = try ProtectableResource.find(
                id: volumeID, type: ResourceType.volume, projectID: project, in: db
            ) else { throw EmulatorError.diskNotFound(volumeID) }
            return disk
        }
        let serverID = target.serverID ?? backup.resourceId
        guard let server = try ProtectableResource.find(
            id: serverID, type: ResourceType.server, projectID: project, in: db
        ) else { throw EmulatorError.serverNotFound(serverID) }
        if serverID != backup.resourceId, target.mappings.isEmpty {
            throw EmulatorError.invalidParameter("restore.mappings is required to restore to another server.")
        }
        let children = try BackupRecord.filter(Column("parentId") == backup.id).fetchAll(db).map(\.id)
        for (index, mapping) in target.mappings.enumerated() {
            guard children.contains(mapping.backupID) else {
                throw EmulatorError.invalidParameter(
                    "restore.mappings[\(index)].backup_id \(mapping.backupID) is not a disk backup of this backup."
                )
            }
            guard server.disks.contains(where: { $0.id == mapping.volumeID }) else {
                if try DiskRecord.filter(key: mapping.volumeID).filter(Column("projectId") == project).fetchCount(db) == 0 {
                    throw EmulatorError.diskNotFound(mapping.volumeID)
                }
                throw EmulatorError.invalidParameter(
                    "restore.mappings[\(index)].volume_id \(mapping.volumeID) is not attached to server \(serverID)."
                )
            }
        }
        return server
    }
}
