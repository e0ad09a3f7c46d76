import GRDB

extension EmulatorStore {
    /// Creates a vault, associates `resources` with it, then the servers its `bind_rules` match (with `auto_bind`),
    /// and binds the policy `policyID` (if any), all or nothing.
    /// - Throws: ``EmulatorError`` 6102/6103/6104/6302 for a bad resource (see ``associate(_:with:at:in:)``),
    ///   6000 for an unknown policy.
    func createVault(
        _ vault: VaultRecord,
        resources: [ResourceAssociation],
        tags: [TagChange] = [],
        policyID: String? = nil
    ) async throws -> VaultDetails {
        try await writeState { db in
            try vault.insert(db)
            try Self.setTags(tags, vaultID: vault.id, in: db)
            _ = try Self.associate(resources, with: vault, at: vault.createdAt, in: db)
            _ = try Self.autoBind(vault, at: vault.createdAt, in: db)
            if let policyID {
                _ = try Self.bind([policyID], to: vault, destinationVaultID: nil, at: vault.createdAt, in: db)
            }
            return try Self.details(of: vault, at: vault.createdAt, in: db)
        }
    }

    /// Associates resources with an existing vault of `projectID`, all or nothing.
    /// - Returns: The ids added, in request order.
    /// - Throws: ``EmulatorError/vaultNotFound`` and the errors of ``associate(_:with:at:in:)``.
    func addResources(
        _ resources: [ResourceAssociation],
        toVault vaultID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [String] {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            return try Self.associate(resources, with: vault, at: now, in: db)
        }
    }

    /// The vault of `projectID` with this id, with its resources and backups.
    func vaultDetails(
        id: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> VaultDetails? {
        try await settledRead(at: now, environment: environment) { db in
            return try Self.vault(id, projectID: projectID, in: db).map { try Self.details(of: $0, at: now, in: db) }
        }
    }

    /// The capacity of every vault of `projectID` (`billing.size`, GB) and what their backups use, as `used_size`
    /// in whole GB (the MB of `billing.used`, summed over the vaults, a started GB counting as one: inferred, the
    /// reference gives only the unit).
    func vaultSummary(
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> VaultSummaryBody {
        try await settledRead(at: now, environment: environment) { db in
            let sizeGB = try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(sizeGB), 0) FROM vault WHERE projectId = ?", arguments: [projectID]
            ) ?? 0
            let usedMB = try Int.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(sizeMB), 0) FROM backup
                    WHERE vaultId IN (SELECT id FROM vault WHERE projectId = :project) AND parentId IS NULL
                    AND \(BackupSQL.occupiesSpace)
                    """,
                arguments: ["project": projectID, "now": now]
            ) ?? 0
            return VaultSummaryBody(size: sizeGB, usedSize: (usedMB + 1023) / 1024)
        }
    }

    /// Per resource of `projectID` with backups that hold data (`available` or `restoring`), ordered by resource id:
    /// their count and MB, over every vault; `resource_count` counts the matching resources before paging.
    func storageUsage(
        projectID: String,
        query: StorageUsageQuery,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> StorageUsageBody {
        try await settledRead(at: now, environment: environment) { db in
            var conditions = "projectId = :project AND parentId IS NULL AND \(BackupSQL.occupiesSpace)"
            var arguments: [String: (any DatabaseValueConvertible)?] = ["project": projectID, "now": now]
            if let id = query.resourceID {
                conditions += " AND resourceId = :resource"
                arguments["resource"] = id
            }
            if let type = query.resourceType {
                conditions += " AND resourceType = :type"
                arguments["type"] = type
            }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(DISTINCT resourceId) FROM backup WHERE \(conditions)",
                arguments: StatementArguments(arguments)
            ) ?? 0
            arguments["limit"] = query.limit
            arguments["offset"] = query.offset
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT resourceId, MAX(resourceName) AS name, MAX(resourceType) AS type, COUNT(*) AS count,
                    SUM(sizeMB) AS size FROM backup WHERE \(conditions)
                    GROUP BY resourceId ORDER BY resourceId LIMIT :limit OFFSET :offset
                    """,
                arguments: StatementArguments(arguments)
            )
            return StorageUsageBody(
                resourceCount: total,
                storageUsage: rows.map { row in
                    StorageUsageBody.Usage(
                        resourceId: row["resourceId"], resourceName: row["name"], resourceType: row["type"],
                        backupCount: row["count"], backupSize: row["size"], backupSizeMultiaz: 0
                    )
                }
            )
        }
    }

    /// A page of the vaults of `projectID` matching `filter`, in creation order, and the total match count.
    func vaults(
        projectID: String,
        filter: VaultFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (total: Int, page: [VaultDetails]) {
        try await settledRead(at: now, environment: environment) { db in
            var query = VaultQuery(projectID: projectID)
            if let name = filter.name { query.require("name = ?", name) }
            if let objectType = filter.objectType { query.require("objectType = ?", objectType) }
            if let protectType = filter.protectType { query.require("protectType = ?", protectType) }
            if let cloudType = filter.cloudType { query.require("cloudType = ?", cloudType) }
            if let status = filter.status {
                if status == "deleting" {
                    query.require("deletingUntil IS NOT NULL")
                } else {
                    query.require("deletingUntil IS NULL AND status = ?", status)
                }
            }
            if !filter.resourceIDs.isEmpty {
                let holding = try VaultResourceRecord.filter(keys: filter.resourceIDs).fetchAll(db).map(\.vaultId)
                query.require(ids: holding)
            }
            if let policyID = filter.policyID { query.require(ids: try Self.vaultIDs(policyID: policyID, in: db)) }
            if !filter.ids.isEmpty { query.require(ids: filter.ids) }
            let total = try Int.fetchOne(try query.statement("SELECT COUNT(*) FROM vault", in: db), arguments: query.arguments) ?? 0
            let page = try VaultRecord.fetchAll(
                try query.statement("SELECT * FROM vault", suffix: " ORDER BY createdAt, rowid LIMIT ? OFFSET ?", in: db),
                arguments: query.arguments + [filter.limit, filter.offset]
            )
            return (total, try page.map { try Self.details(of: $0, at: now, in: db) })
        }
    }

    /// A page of the vaults of another project of the account `domainID` (`list_external_vault`): the project must
    /// belong to that account and be the region `region`; otherwise there is nothing to list.
    func externalVaults(
        projectID: String,
        region: String,
        domainID: String,
        filter: VaultFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (total: Int, page: [VaultDetails]) {
        let visible = try await readState { db in
            try ProjectRecord.filter(key: projectID)
                .filter(Column("domainId") == domainID && Column("name") == region).fetchCount(db) == 1
        }
        guard visible else { return (0, []) }
        return try await vaults(projectID: projectID, filter: filter, at: now, environment: environment)
    }

    /// ``settle(at:environment:in:)`` only when ``hasDueTransitions(at:in:)`` finds something due: with nothing due
    /// a write pays one cached statement instead of compiling the settling statements again.
    static func settleIfDue(at now: Int64, environment: StoreEnvironment, in db: Database) throws {
        if try hasDueTransitions(at: now, in: db) { try settle(at: now, environment: environment, in: db) }
    }

    static func vault(_ id: String, projectID: String, in db: Database) throws -> VaultRecord? {
        // Nearly every vault route runs these two: cached statements skip SQL generation and compilation.
        try VaultRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM vault WHERE id = ? AND projectId = ?"), arguments: [id, projectID])
    }

    /// The resources associated with a vault, in association order.
    static func members(of vaultID: String, in db: Database) throws -> [VaultResourceRecord] {
        try VaultResourceRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM vaultResource WHERE vaultId = ? ORDER BY addedAt, rowid"),
            arguments: [vaultID])
    }

    /// The vault with its resources, tags and backup usage as seen at `now`: two grouped queries over the
    /// vault's top-level backups, no rows loaded into Swift.
    static func details(of vault: VaultRecord, at now: Int64, in db: Database) throws -> VaultDetails {
        let members = try members(of: vault.id, in: db)
        var usage = try resourceUsage(of: vault.id, at: now, in: db)
        for (id, status) in try latestStatuses(of: vault.id, at: now, in: db) {
            usage[id, default: ResourceUsage()].latestStatus = status
        }
        let used = usage.values.reduce(0) { $0 + $1.held.sizeMB }
        return VaultDetails(
            vault: vault, members: members, usage: usage, usedMB: used, tags: try tags(of: vault.id, in: db)
        )
    }

    /// Per resource of the vault, the status at `now` of its latest backup not being deleted (greatest creation
    /// time, then the first inserted): the vault's history read newest first, until every resource with such a
    /// backup (a row of `backupTotals`) has one and no older entry can tie with it — usually the last
    /// checkpoint's entries, not a look-up per resource.
    static func latestStatuses(of vaultID: String, at now: Int64, in db: Database) throws -> [String: String] {
        let wanted = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM backupTotals WHERE vaultId = ?"), arguments: [vaultID]
        ) ?? 0
        guard wanted > 0 else { return [:] }
        let newest = try db.cachedStatement(sql: newestBackupsSQL)
        newest.setUncheckedArguments(["vault": vaultID, "now": now])
        var latest: [String: (createdAt: Int64, rowID: Int64, status: String)] = [:]
        var oldestFound = Int64.max
        let rows = try Row.fetchCursor(newest)
        while let row = try rows.next() {
            let createdAt: Int64 = row[1]
            if latest.count == wanted, createdAt < oldestFound { break }
            let id: String = row[0]
            let rowID: Int64 = row[2]
            if let found = latest[id], found.createdAt > createdAt || found.rowID < rowID { continue }
            latest[id] = (createdAt, rowID, row[3])
            oldestFound = min(oldestFound, createdAt)
        }
        return latest.mapValues(\.status)
    }

    /// SQL of ``latestStatuses(of:at:in:)``, by position: resource id, creation time, rowid and status at `:now` of
    /// each top-level backup of `:vault` not being deleted, newest first, from the covering index `backup_history`
    /// read backwards (`EmulatorStoreIndexTests` checks the plan).
    static let newestBackupsSQL = """
        SELECT resourceId, createdAt, rowid, \(BackupSQL.status) FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND parentId IS NULL AND deletingUntil IS NULL ORDER BY createdAt DESC
        """

    /// Per resource of the vault, what its top-level backups add up to at `now` (``ResourceUsage`` without
    /// `latestStatus`), with no read of the vault's history: the resource's row of `backupTotals` (its backups not
    /// being deleted that are `available` once finished, kept by triggers), corrected by the few backups whose
    /// status at `now` is not that: still `protecting`, created at `now` or later, or `restoring`
    /// (``usageCorrectionsSQL``). Vault details and a checkpoint's checks and answer all come from it; a
    /// checkpoint once scanned every entry of the vault's history index (see ``EmulatorStore/CheckpointInputs``),
    /// and `BackupTotalsTests` keeps the two equal.
    static func resourceUsage(of vaultID: String, at now: Int64, in db: Database) throws -> [String: ResourceUsage] {
        let totals = try db.cachedStatement(
            sql: "SELECT resourceId, available, availableMB FROM backupTotals WHERE vaultId = ?"
        )
        totals.setUncheckedArguments([vaultID])
        var usage: [String: ResourceUsage] = [:]
        let rows = try Row.fetchCursor(totals)
        while let row = try rows.next() {
            let held = ResourceHistory(count: row[1], sizeMB: row[2])
            usage[row[0]] = ResourceUsage(held: held, earlier: held)
        }
        let corrections = try db.cachedStatement(sql: usageCorrectionsSQL)
        corrections.setUncheckedArguments(["vault": vaultID, "now": now])
        let changed = try Row.fetchCursor(corrections)
        while let row = try changed.next() {
            let id: String = row[0]
            let finishesAt: Int64 = row[1]
            let createdAt: Int64 = row[2]
            let restoringUntil: Int64? = row[3]
            let outcome: String = row[4]
            let sizeMB: Int = row[5]
            let counted = outcome == "available"
            let finished = finishesAt <= now
            let restoring = finished && restoringUntil.map { now < $0 } == true
            let held = finished && (restoring || counted)
            var entry = usage[id] ?? ResourceUsage()
            let adjust = { (history: inout ResourceHistory, holds: Bool) in
                let delta = (holds ? 1 : 0) - (counted ? 1 : 0)
                history.count += delta
                history.sizeMB += delta * sizeMB
            }
            adjust(&entry.held, held)
            adjust(&entry.earlier, held && createdAt < now)
            entry.protecting = entry.protecting || !finished
            entry.restoring = entry.restoring || restoring
            usage[id] = entry
        }
        // A resource is listed when one of its backups holds data or is protecting, as a scan of its backups
        // lists it.
        return usage.filter { $0.value.held.count > 0 || $0.value.protecting }
    }

    /// SQL of the backups of ``resourceUsage(of:at:in:)``'s corrections, by position: resource id, finish time,
    /// creation time, end of a restore, planned outcome, MB. The top-level backups of `:vault` not being deleted
    /// that are unfinished at `:now` (a range of `backup_finishesAt`), created at `:now` or later (of
    /// `backup_history`) or being restored (of `backup_restoringUntil`); any other backup holds data at `:now`
    /// exactly when it is `available`, as `backupTotals` counts it. `NOT INDEXED`: the rows by rowid, not a scan of
    /// the vault's history filtered by the list.
    static let usageCorrectionsSQL = """
        SELECT resourceId, finishesAt, createdAt, restoringUntil, outcome, sizeMB FROM backup NOT INDEXED
        WHERE rowid IN (
            SELECT rowid FROM backup INDEXED BY backup_finishesAt WHERE finishesAt > :now
            UNION SELECT rowid FROM backup INDEXED BY backup_history
                WHERE vaultId = :vault AND parentId IS NULL AND createdAt >= :now
            UNION SELECT rowid FROM backup INDEXED BY backup_restoringUntil
                WHERE restoringUntil IS NOT NULL AND restoringUntil > :now
        )
        AND vaultId = :vault AND parentId IS NULL AND deletingUntil IS NULL
        """

    /// Checks and inserts associations. Checks, in order: duplicates in the request (6104), then per
    /// resource the vault's object type (6102), existence in the project (6302), membership of any
    /// vault (6103, naming that vault), backups of it in CSBS v1 (6205: they must be migrated first), and for a
    /// server its status (7101 unless `ACTIVE`).
    static func associate(
        _ resources: [ResourceAssociation],
        with vault: VaultRecord,
        at now: Int64,
        in db: Database
    ) throws -> [String] {
        var seen = Set<String>()
        for resource in resources where !seen.insert(resource.id).inserted {
            throw EmulatorError.duplicateResource(resource.id)
        }
        for resource in resources {
            guard ResourceType.vault(vault.objectType, accepts: resource.type) else {
                throw EmulatorError.resourceTypeMismatch(resource.type, vaultType: vault.objectType)
            }
            guard let found = try ProtectableResource.find(
                id: resource.id, type: resource.type, projectID: vault.projectId, in: db
            ) else {
                throw EmulatorError.resourceNotFound(resource.id)
            }
            if let existing = try VaultResourceRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM vaultResource WHERE resourceId = ?"), arguments: [resource.id]
            ) {
                throw EmulatorError.resourceAlreadyInVault(resource.id, vaultID: existing.vaultId)
            }
            let legacy = try Bool.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM csbsItem WHERE resourceId = ? AND projectId = ?
                        AND (deletingUntil IS NULL OR deletingUntil > ?))
                        """
                ),
                arguments: [found.id, vault.projectId, now]
            )
            if legacy == true { throw EmulatorError.resourceHasLegacyBackups(found.id) }
            if found.type == ResourceType.server, found.status != "ACTIVE" {
                throw EmulatorError.serverStatusForbidsBackup(found.id, status: found.status)
            }
            let record = VaultResourceRecord(
                resourceId: found.id, vaultId: vault.id, resourceType: found.type, name: found.name,
                sizeGB: found.sizeGB, extraInfo: resource.extraInfo, addedAt: now
            )
            try record.insert(db)
        }
        return resources.map(\.id)
    }
}

/// The `WHERE` clause of a vault listing, built from the filter's conditions in a fixed order, so the few shapes
/// the filters produce reuse cached statements. Id lists (which vary in length) make uncached statements.
private struct VaultQuery {
    private var conditions = ["projectId = ?"]
    private(set) var arguments: StatementArguments
    private var hasIDList = false

    init(projectID: String) {
        arguments = [projectID]
    }

    /// Adds a condition with its arguments.
    mutating func require(_ condition: String, _ values: (any DatabaseValueConvertible)...) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    /// Keeps only the vaults with these ids (none for an empty list: a condition without placeholders, so the
    /// arguments bound so far still match the statement's).
    mutating func require(ids: [String]) {
        guard !ids.isEmpty else {
            conditions.append("0")
            return
        }
        conditions.append("id IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")")
        arguments += StatementArguments(ids)
        hasIDList = true
    }

    /// `head WHERE … suffix`, cached unless an id list is part of it.
    func statement(_ head: String, suffix: String = "", in db: Database) throws -> Statement {
        let sql = head + " WHERE " + conditions.joined(separator: " AND ") + suffix
        return hasIDList ? try db.makeStatement(sql: sql) : try db.cachedStatement(sql: sql)
    }
}
