import GRDB

/// CSBS v1 backups: protect, query, restore and delete (API reference §5). Each operation first removes the
/// items whose deletion has completed by `now`, in the same transaction.
extension EmulatorStore {
    /// Backs up one server: a new backup record with one backup holding one disk backup per attached disk.
    /// - Parameters:
    ///   - request: The checked protect request.
    ///   - serverID: The server (`resource_id`).
    ///   - projectID: The caller's project.
    ///   - now: The current time; the backup is `protecting` until `finishesAt`.
    ///   - identifiers: The source of the new record's ids.
    /// - Returns: The new backup.
    /// - Throws: `CSBS.6000` for an unknown server, `CSBS.6001` for a stopped one, `CSBS.2003` while another
    ///   backup of the server is still in progress.
    func csbsProtect(
        _ request: CSBSProtectRequest, serverID: String, projectID: String, at now: Int64, finishesAt: Int64,
        identifiers: IdentifierSource
    ) async throws -> CSBSItemRecord {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            let server = try Self.csbsProtectableServer(db, id: serverID, projectID: projectID, at: now)
            let disks = try DiskRecord
                .filter(Column("serverId") == server.id && Column("projectId") == projectID)
                .order(Column("bootable").desc, Column("name"))
                .fetchAll(db)
            let earlier = try CSBSItemRecord
                .filter(Column("resourceId") == server.id && Column("projectId") == projectID)
                .fetchAll(db)
                .contains { $0.status(at: now) == "available" }
            let volumes = disks.map { disk in
                CSBSVolumeBackup(
                    id: identifiers.uuid(), name: "\(request.name)_\(disk.name)", bootable: disk.bootable,
                    sourceVolumeId: disk.id, sourceVolumeName: disk.name, sourceVolumeSize: disk.sizeGB,
                    size: disk.usedMB, snapshotId: identifiers.uuid()
                )
            }
            let item = CSBSItemRecord(
                id: identifiers.uuid(), checkpointId: identifiers.uuid(), projectId: projectID, resourceId: server.id,
                resourceName: server.name, resourceAz: server.availabilityZone, name: request.name,
                description: request.description, incremental: request.incremental && earlier,
                tags: WireJSON.encodeText(request.tags), volumeBackups: WireJSON.encodeText(volumes), createdAt: now,
                finishesAt: finishesAt, outcome: request.outcome.rawValue, restoringUntil: nil, deletingUntil: nil
            )
            try item.insert(db)
            return item
        }
    }

    /// Whether a resource can be backed up now: `nil` if so, else the error a protect call would answer.
    func csbsProtectability(resourceID: String, resourceType: String, projectID: String, at now: Int64) async throws
        -> EmulatorError?
    {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            guard resourceType == CSBSProtectRequest.serverType else {
                return EmulatorError.csbsUnsupportedType(resourceID, resourceType)
            }
            do {
                _ = try Self.csbsProtectableServer(db, id: resourceID, projectID: projectID, at: now)
                return nil
            } catch let error as EmulatorError {
                return error
            }
        }
    }

    /// The project's backups (not yet deleted), unordered.
    func csbsItems(projectID: String, at now: Int64) async throws -> [CSBSItemRecord] {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            return try CSBSItemRecord.filter(Column("projectId") == projectID).fetchAll(db)
        }
    }

    /// One backup of the project, or `nil`.
    func csbsItem(id: String, projectID: String, at now: Int64) async throws -> CSBSItemRecord? {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            return try CSBSItemRecord.filter(Column("id") == id && Column("projectId") == projectID).fetchOne(db)
        }
    }

    /// Starts restoring a backup onto a server: the backup is `restoring` until `until`.
    /// - Throws: `CSBS.3001` when the backup is not in the record, `CSBS.4000` when it is not `available`,
    ///   `CSBS.6000` for an unknown target server, `CSBS.9001` when the volume mapping does not fit.
    func csbsRestore(
        _ restore: CSBSRestoreBody.Restore, projectID: String, at now: Int64, until: Int64
    ) async throws -> CSBSItemRecord {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            let parameters = restore.parameters
            var item = try Self.csbsRestorableItem(
                db, itemID: parameters.checkpointItemId, checkpointID: restore.checkpointId,
                target: parameters.targets.serverId, volumes: parameters.targets.volumes, projectID: projectID, at: now
            )
            item.restoringUntil = until
            try item.update(db)
            return item
        }
    }

    /// Whether a backup could be restored onto a server now (`check_restorable`, §5.5): `nil` if so, else the
    /// error a restore would answer.
    func csbsRestorability(
        itemID: String, target: String, volumes: [CSBSRestoreBody.Volume], projectID: String, at now: Int64
    ) async throws -> EmulatorError? {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            do {
                _ = try Self.csbsRestorableItem(
                    db, itemID: itemID, checkpointID: nil, target: target, volumes: volumes, projectID: projectID,
                    at: now
                )
                return nil
            } catch let error as EmulatorError {
                return error
            }
        }
    }

    /// The backup to restore, after the checks a restore makes.
    /// - Parameter checkpointID: The record the backup must belong to, or `nil` not to check it.
    /// - Throws: `CSBS.3001` when the backup (in the record) does not exist, `CSBS.4000` when it is not
    ///   `available`, `CSBS.6000` for an unknown target server, `CSBS.9001` when the volume mapping does not fit.
    private static func csbsRestorableItem(
        _ db: Database, itemID: String, checkpointID: String?, target: String, volumes: [CSBSRestoreBody.Volume],
        projectID: String, at now: Int64
    ) throws -> CSBSItemRecord {
        guard let item = try CSBSItemRecord.filter(Column("id") == itemID && Column("projectId") == projectID)
            .fetchOne(db),
            checkpointID == nil || item.checkpointId == checkpointID
        else { throw EmulatorError.csbsBackupNotFound }
        guard item.status(at: now) == "available" else { throw EmulatorError.csbsNotRestorable }
        guard try ServerRecord.filter(Column("id") == target && Column("projectId") == projectID).fetchOne(db)
            != nil
        else { throw EmulatorError.csbsServerNotFound(target) }
        let targetDisks = Set(
            try DiskRecord.filter(Column("serverId") == target && Column("projectId") == projectID)
                .fetchAll(db).map(\.id)
        )
        let backups = Set(item.volumeList.map(\.id))
        guard !volumes.isEmpty else {
            throw EmulatorError.csbsInvalid("targets.volumes must name at least one disk backup.")
        }
        for volume in volumes {
            guard backups.contains(volume.backupId) else {
                throw EmulatorError.csbsInvalid("The disk backup \(volume.backupId) is not part of the backup.")
            }
            guard targetDisks.contains(volume.volumeId) else {
                throw EmulatorError.csbsInvalid("The disk \(volume.volumeId) is not attached to the target server.")
            }
        }
        return item
    }

    /// Starts deleting one backup of a record, or all of them: each is `deleting` until `until`, then gone.
    /// - Throws: `CSBS.3001` when the record (or the named backup in it) does not exist, `CSBS.2003` when a
    ///   backup to delete is backing up, restoring or already deleting.
    func csbsDelete(
        checkpointID: String, itemID: String?, projectID: String, at now: Int64, until: Int64
    ) async throws {
        try await writeState { db in
            try Self.csbsSettle(db, at: now)
            var items = try CSBSItemRecord
                .filter(Column("checkpointId") == checkpointID && Column("projectId") == projectID)
                .fetchAll(db)
            if let itemID { items = items.filter { $0.id == itemID } }
            guard !items.isEmpty else { throw EmulatorError.csbsBackupNotFound }
            guard !items.contains(where: { $0.isBusy(at: now) }) else { throw EmulatorError.csbsBusy }
            for var item in items {
                item.deletingUntil = until
                try item.update(db)
            }
        }
    }

    /// The server if it exists in the project, is running and has no backup in progress.
    private static func csbsProtectableServer(
        _ db: Database, id: String, projectID: String, at now: Int64
    ) throws -> ServerRecord {
        guard let server = try ServerRecord.filter(Column("id") == id && Column("projectId") == projectID)
            .fetchOne(db)
        else { throw EmulatorError.csbsServerNotFound(id) }
        guard server.status == "ACTIVE" else { throw EmulatorError.csbsServerStopped(id) }
        let running = try CSBSItemRecord.filter(Column("resourceId") == id && Column("projectId") == projectID)
            .fetchAll(db)
            .contains { $0.isBusy(at: now) }
        guard !running else { throw EmulatorError.csbsBusy }
        return server
    }

    /// Removes the backups whose deletion has completed by `now`.
    static func csbsSettle(_ db: Database, at now: Int64) throws {
        try db.execute(
            sql: "DELETE FROM csbsItem WHERE deletingUntil IS NOT NULL AND deletingUntil <= ?", arguments: [now]
        )
    }
}
