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
        let arguments: StatementArguments = ["vault": vault.id, "now": now]
        // The latest backup not being deleted, per resource: greatest createdAt, then the smallest rowid.
        let latest = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT b.resourceId, \(BackupSQL.status) AS status FROM backup b
                WHERE b.rowid = (SELECT l.rowid FROM backup l INDEXED BY backup_history
                    WHERE l.vaultId = b.vaultId AND l.resourceId = b.resourceId AND l.parentId IS NULL
                    AND l.deletingUntil IS NULL ORDER BY l.createdAt DESC, l.rowid ASC LIMIT 1)
                AND b.vaultId = :vault AND b.parentId IS NULL AND b.deletingUntil IS NULL
                """),
            arguments: arguments
        )
        for row in latest {
            let id: String = row["resourceId"]
            usage[id, default: ResourceUsage()].latestStatus = row["status"]
        }
        let used = usage.values.reduce(0) { $0 + $1.held.sizeMB }
        return VaultDetails(
            vault: vault, members: members, usage: usage, usedMB: used, tags: try tags(of: vault.id, in: db)
        )
    }

    /// Per resource of the vault, what its top-level backups add up to at `now` (``ResourceUsage`` without
    /// `latestStatus`): one grouped scan of the covering index `backup_history`, no table row read. Vault details
    /// and a checkpoint's checks and answer all come from it (a checkpoint once scanned the index twice and probed
    /// it twice per resource; see ``EmulatorStore/CheckpointInputs``).
    static func resourceUsage(of vaultID: String, at now: Int64, in db: Database) throws -> [String: ResourceUsage] {
        let sums = try db.cachedStatement(sql: resourceUsageSQL)
        sums.setUncheckedArguments(["vault": vaultID, "now": now])
        var usage: [String: ResourceUsage] = [:]
        let rows = try Row.fetchCursor(sums)
        while let row = try rows.next() {
            usage[row[0]] = ResourceUsage(
                held: ResourceHistory(count: row[1], sizeMB: row[2]),
                earlier: ResourceHistory(count: row[3], sizeMB: row[4]),
                protecting: row[5], restoring: row[6]
            )
        }
        return usage
    }

    /// SQL of ``resourceUsage(of:at:in:)``, by position: resource id, held count and MB, the same for those
    /// created before `:now`, protecting, restoring. It reads only the backups that are `protecting` or hold data
    /// (``BackupSQL/occupiesSpace``), testing that once per entry: among them, finished means holding data and
    /// unfinished means protecting. A resource with neither is left out (``ResourceUsage``'s defaults). With
    /// each sum testing the status itself, the scan cost about 770 ns per entry (sqlite3, 200,000 entries),
    /// this one about 500.
    static let resourceUsageSQL = """
        SELECT resourceId,
            SUM(finishesAt <= :now),
            SUM(CASE WHEN finishesAt <= :now THEN sizeMB ELSE 0 END),
            SUM(finishesAt <= :now AND createdAt < :now),
            SUM(CASE WHEN finishesAt <= :now AND createdAt < :now THEN sizeMB ELSE 0 END),
            MAX(finishesAt) > :now,
            MAX(finishesAt <= :now AND IFNULL(restoringUntil, 0) > :now)
        FROM backup INDEXED BY backup_history
        WHERE vaultId = :vault AND parentId IS NULL AND deletingUntil IS NULL
        AND (:now < finishesAt OR (restoringUntil IS NOT NULL AND :now < restoringUntil) OR outcome = 'available')
        GROUP BY resourceId
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
