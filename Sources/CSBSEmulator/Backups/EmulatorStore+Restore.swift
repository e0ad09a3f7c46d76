import GRDB

extension EmulatorStore {
    /// Starts restoring a backup: it (and its disk backups) is `restoring` until `finishesAt`, and a `restore`
    /// task records the target.
    /// - Throws, in this order: 6200 (no such backup); the target's errors (9900 for a missing or bad target or
    ///   mapping, 7100/7000 for an unknown server or disk, 2012 for a partial-disk restore); 6202 (vault not
    ///   available), 2005 (backup not available), 2010 (target being restored), 2002 (target being backed up).
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
            let resource = try Self.restoreTarget(of: backup, target: target, in: db)
            guard let vault = try VaultRecord.fetchOne(db, key: backup.vaultId), vault.billingStatus == "available"
            else { throw EmulatorError.vaultNotAvailableForRestore }
            let status = backup.status(at: now)
            guard status == "available" else { throw EmulatorError.backupNotRestorable(status) }
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

    /// The resource a restore writes to. A server backup needs `server_id` and `mappings` pairing every one of its
    /// disk backups with its own disk of that server (API reference §2.4.5: both required for a whole-server
    /// restore; leaving disk backups out is a partial-disk restore, 2012). A disk backup needs `volume_id`.
    private static func restoreTarget(
        of backup: BackupRecord,
        target: RestoreRequest,
        in db: Database
    ) throws -> ProtectableResource {
        let project = backup.projectId
        guard backup.resourceType == ResourceType.server else {
            guard let volumeID = target.volumeID else {
                throw EmulatorError.invalidParameter("restore.volume_id is required to restore a disk backup.")
            }
            guard let disk = try ProtectableResource.find(
                id: volumeID, type: ResourceType.volume, projectID: project, in: db
            ) else { throw EmulatorError.diskNotFound(volumeID) }
            return disk
        }
        guard let serverID = target.serverID else {
            throw EmulatorError.invalidParameter("restore.server_id is required to restore a server backup.")
        }
        guard !target.mappings.isEmpty else {
            throw EmulatorError.invalidParameter("restore.mappings is required to restore a server backup.")
        }
        guard let server = try ProtectableResource.find(
            id: serverID, type: ResourceType.server, projectID: project, in: db
        ) else { throw EmulatorError.serverNotFound(serverID) }
        let children = try BackupRecord.filter(Column("parentId") == backup.id).fetchAll(db).map(\.id)
        var backups = Set<String>()
        var volumes = Set<String>()
        for (index, mapping) in target.mappings.enumerated() {
            guard children.contains(mapping.backupID) else {
                throw EmulatorError.invalidParameter(
                    "restore.mappings[\(index)].backup_id \(mapping.backupID) is not a disk backup of this backup."
                )
            }
            guard backups.insert(mapping.backupID).inserted, volumes.insert(mapping.volumeID).inserted else {
                throw EmulatorError.invalidParameter(
                    "restore.mappings[\(index)] repeats a backup_id or a volume_id."
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
        guard backups.count == children.count else {
            throw EmulatorError.partialDiskRestore(mapped: backups.count, of: children.count)
        }
        return server
    }
}
