import GRDB

extension EmulatorStore {
    /// The backup with this id (a top-level or a disk backup) that `projectID` owns or that is shared with it (in
    /// any share status, as `list_backups` with `own_type=shared` lists it), if any, with its replication records.
    func backupDetails(
        id: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> BackupDetails? {
        try await settledRead(at: now, environment: environment) { db in
            var found = try Self.backup(id, projectID: projectID, in: db)
            if found == nil {
                found = try BackupRecord.fetchOne(
                    db, sql: "SELECT * FROM backup WHERE id = :id AND \(BackupListQuery.sharedCondition(memberStatus: false))",
                    arguments: ["id": id, "projectId": projectID]
                )
            }
            guard let found else { return nil }
            var details = try Self.backupDetails(of: found, in: db)
            if found.parentId == nil {
                details.replicationRecords = try Self.replicationRecords(of: found, at: now, in: db)
            }
            return details
        }
    }

    /// The records of the backup's replicas that are not being deleted, oldest first; a region is its project's name.
    private static func replicationRecords(of backup: BackupRecord, at now: Int64, in db: Database) throws
        -> [ReplicationRecordBody]
    {
        let replicas = try BackupRecord.filter(Column("sourceBackupId") == backup.id && Column("parentId") == nil)
            .filter(Column("deletingUntil") == nil).order(Column("createdAt"), Column.rowID).fetchAll(db)
        guard !replicas.isEmpty else { return [] }
        let regions = try Dictionary(
            ProjectRecord.fetchAll(db).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }
        )
        return replicas.map { replica in
            ReplicationRecordBody(
                source: backup, sourceRegion: regions[backup.projectId] ?? "", replica: replica,
                destinationRegion: regions[replica.projectId] ?? "", now: now
            )
        }
    }

    /// Renames a backup.
    /// - Throws: ``EmulatorError/backupNotFound``.
    func renameBackup(
        id: String,
        projectID: String,
        name: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> BackupDetails {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard var backup = try Self.backup(id, projectID: projectID, in: db) else {
                throw EmulatorError.backupNotFound
            }
            backup.name = name
            backup.updatedAt = now
            try backup.update(db)
            return try Self.backupDetails(of: backup, in: db)
        }
    }

    /// Starts deleting a top-level backup and its disk backups: `deleting` until `finishesAt`, then gone.
    /// Writes a `delete` task.
    /// - Throws: 6200 (no such backup), 6201 (a disk backup of a server backup), `CSBS.2003` (a task is running
    ///   on it: protecting, restoring or already deleting), 6220 (an automatic backup in a locked vault).
    func deleteBackup(
        id: String,
        projectID: String,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard let backup = try Self.backup(id, projectID: projectID, in: db) else {
                throw EmulatorError.backupNotFound
            }
            guard backup.parentId == nil else { throw EmulatorError.backupNotDeletable }
            guard !["protecting", "restoring", "deleting"].contains(backup.status(at: now)) else {
                throw EmulatorError.backupBusy
            }
            let vault = try VaultRecord.fetchOne(db, key: backup.vaultId)
            if vault?.locked == true, backup.autoTrigger { throw EmulatorError.lockedVaultAutomaticBackup }
            try Self.family(of: backup, in: db).updateAll(
                db, Column("deletingUntil").set(to: finishesAt), Column("updatedAt").set(to: now)
            )
            guard let vault else { return }
            try OperationLogRecord(
                type: "delete", backup: backup, vault: vault, startedAt: now, finishesAt: finishesAt,
                ids: environment.identifiers
            ).insert(db)
        }
    }

    static func backup(_ id: String, projectID: String, in db: Database) throws -> BackupRecord? {
        try BackupRecord.filter(key: id).filter(Column("projectId") == projectID).fetchOne(db)
    }

    /// The backup and its disk backups.
    static func family(of backup: BackupRecord, in db: Database) -> QueryInterfaceRequest<BackupRecord> {
        BackupRecord.filter(Column("id") == backup.id || Column("parentId") == backup.id)
    }

    static func backupDetails(of backup: BackupRecord, in db: Database) throws -> BackupDetails {
        let children = try BackupRecord.filter(Column("parentId") == backup.id)
            .order(Column("bootable").desc, Column("resourceName"), Column.rowID)
            .fetchAll(db)
        let vault = try VaultRecord.fetchOne(db, key: backup.vaultId)
        return BackupDetails(backup: backup, children: children, enterpriseProjectId: vault?.enterpriseProjectId ?? "0")
    }

    /// The details of several backups, in their order: their disk backups come from one `parentId IN (…)` query
    /// and their vaults from one more.
    static func backupDetails(of backups: [BackupRecord], in db: Database) throws -> [BackupDetails] {
        guard !backups.isEmpty else { return [] }
        let ids = backups.map(\.id)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let children = try BackupRecord.fetchAllByPosition(
            db.cachedStatement(
                sql: """
                    SELECT * FROM backup WHERE parentId IN (\(placeholders))
                    ORDER BY parentId, bootable DESC, resourceName, rowid
                    """
            ),
            arguments: StatementArguments(ids)
        )
        let byParent = Dictionary(grouping: children) { $0.parentId ?? "" }
        // Only the enterprise project of each vault, through a cached statement: building, preparing and
        // decoding whole vault records per page was a twentieth of a listing page's instructions (callgrind).
        let vaultIDs = Array(Set(backups.map(\.vaultId)))
        let vaultPlaceholders = Array(repeating: "?", count: vaultIDs.count).joined(separator: ",")
        var projects: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT id, enterpriseProjectId FROM vault WHERE id IN (\(vaultPlaceholders))"),
            arguments: StatementArguments(vaultIDs)
        )
        while let row = try rows.next() {
            projects[row[0]] = row[1]
        }
        return backups.map { backup in
            BackupDetails(
                backup: backup, children: byParent[backup.id] ?? [],
                enterpriseProjectId: projects[backup.vaultId] ?? "0"
            )
        }
    }
}

/// The SQL of a backup listing: the `WHERE` condition with its named arguments and the `ORDER BY` terms.
struct BackupListQuery {
    var condition: String
    var order: String
    var arguments: StatementArguments

    /// The condition of a backup shared with the project `:projectId` (with `memberStatus`, a share in the status
    /// `:memberStatus`). A share names a top-level backup; its disk backups (`parent_id` listings) are shared with it.
    static func sharedCondition(memberStatus: Bool) -> String {
        "COALESCE(parentId, id) IN (SELECT backupId FROM backupMember WHERE destProjectId = :projectId"
            + (memberStatus ? " AND status = :memberStatus)" : ")")
    }

    /// Translates `filter` for `projectID` as seen at `now`. Ties keep the newest (latest inserted) first when
    /// the first key descends, else the oldest first.
    init(projectID: String, filter: BackupFilter, now: Int64) {
        var values: [String: (any DatabaseValueConvertible)?] = ["projectId": projectID, "now": now]
        let shared = Self.sharedCondition(memberStatus: filter.memberStatus != nil)
        if let status = filter.memberStatus { values["memberStatus"] = status }
        var terms: [String]
        switch filter.ownership {
        case .own: terms = ["projectId = :projectId"]
        case .shared: terms = [shared]
        case .all: terms = ["(projectId = :projectId OR \(shared))"]
        }
        let equalities: [(String, String?)] = [
            ("checkpointId", filter.checkpointID), ("vaultId", filter.vaultID), ("resourceId", filter.resourceID),
            ("resourceName", filter.resourceName), ("resourceType", filter.resourceType),
            ("resourceAz", filter.resourceAz), ("name", filter.name),
        ]
        for case let (column, value?) in equalities {
            terms.append("\(column) = :\(column)")
            values[column] = value
        }
        if let parentID = filter.parentID {
            terms.append("parentId = :parentId")
            values["parentId"] = parentID
        } else {
            terms.append("parentId IS NULL")
        }
        if let start = filter.startTime {
            terms.append("createdAt >= :startTime")
            values["startTime"] = start
        }
        if let end = filter.endTime {
            terms.append("createdAt <= :endTime")
            values["endTime"] = end
        }
        if let imageType = filter.imageType {
            terms.append("imageType = :imageType")
            values["imageType"] = imageType
        }
        if let incremental = filter.incremental {
            terms.append("incremental = :incremental")
            values["incremental"] = incremental
        }
        if let project = filter.enterpriseProjectID {
            terms.append("vaultId IN (SELECT id FROM vault WHERE enterpriseProjectId = :enterpriseProjectId)")
            values["enterpriseProjectId"] = project
        }
        if let percent = filter.usedPercent {
            // `billing.used` as ``usedMB(vaultID:at:in:)`` sums it; the inner `backup` shadows the outer columns.
            terms.append(
                """
                vaultId IN (SELECT vault.id FROM vault WHERE (SELECT COALESCE(SUM(sizeMB), 0) FROM backup AS used \
                WHERE used.vaultId = vault.id AND used.parentId IS NULL AND \(BackupSQL.occupiesSpace)) * 100 \
                >= :usedPercent * vault.sizeGB * 1024)
                """
            )
            values["usedPercent"] = percent
        }
        if !filter.statuses.isEmpty {
            let names = filter.statuses.indices.map { ":status\($0)" }
            for (index, status) in filter.statuses.enumerated() { values["status\(index)"] = status }
            terms.append("\(BackupSQL.status) IN (\(names.joined(separator: ", ")))")
        }
        condition = terms.joined(separator: " AND ")
        let descending = filter.order.first.map { !$0.ascending } ?? true
        order = (filter.order.map { "\(BackupSQL.sortExpression($0.key)) \($0.ascending ? "ASC" : "DESC")" }
            + ["rowid \(descending ? "DESC" : "ASC")"]).joined(separator: ", ")
        arguments = StatementArguments(values)
    }
}
