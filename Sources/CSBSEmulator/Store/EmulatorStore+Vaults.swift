import GRDB

extension EmulatorStore {
    /// Creates a vault and associates `resources` with it, all or nothing.
    /// - Throws: ``EmulatorError`` 6102/6103/6104/6302 for a bad resource (see ``associate(_:with:at:in:)``).
    func createVault(_ vault: VaultRecord, resources: [ResourceAssociation]) async throws -> VaultDetails {
        try await writer.write { db in
            try vault.insert(db)
            _ = try Self.associate(resources, with: vault, at: vault.createdAt, in: db)
            return try Self.details(of: vault, in: db)
        }
    }

    /// Associates resources with an existing vault of `projectID`, all or nothing.
    /// - Returns: The ids added, in request order.
    /// - Throws: ``EmulatorError/vaultNotFound`` and the errors of ``associate(_:with:at:in:)``.
    func addResources(
        _ resources: [ResourceAssociation],
        toVault vaultID: String,
        projectID: String,
        at now: Int64
    ) async throws -> [String] {
        try await writer.write { db in
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            return try Self.associate(resources, with: vault, at: now, in: db)
        }
    }

    /// The vault of `projectID` with this id, with its resources and backups.
    func vaultDetails(id: String, projectID: String) async throws -> VaultDetails? {
        try await writer.read { db in
            try Self.vault(id, projectID: projectID, in: db).map { try Self.details(of: $0, in: db) }
        }
    }

    /// A page of the vaults of `projectID` matching `filter`, in creation order, and the total match count.
    func vaults(projectID: String, filter: VaultFilter) async throws -> (total: Int, page: [VaultDetails]) {
        try await writer.read { db in
            var request = VaultRecord.filter(Column("projectId") == projectID)
            if let name = filter.name { request = request.filter(Column("name") == name) }
            if let objectType = filter.objectType { request = request.filter(Column("objectType") == objectType) }
            if !filter.ids.isEmpty { request = request.filter(keys: filter.ids) }
            let total = try request.fetchCount(db)
            let page = try request.order(Column("createdAt"), Column.rowID)
                .limit(filter.limit, offset: filter.offset)
                .fetchAll(db)
            return (total, try page.map { try Self.details(of: $0, in: db) })
        }
    }

    static func vault(_ id: String, projectID: String, in db: Database) throws -> VaultRecord? {
        try VaultRecord.filter(key: id).filter(Column("projectId") == projectID).fetchOne(db)
    }

    static func details(of vault: VaultRecord, in db: Database) throws -> VaultDetails {
        let members = try VaultResourceRecord.filter(Column("vaultId") == vault.id)
            .order(Column("addedAt"), Column.rowID)
            .fetchAll(db)
        let backups = try BackupRecord.filter(Column("vaultId") == vault.id && Column("parentId") == nil)
            .order(Column("createdAt"), Column.rowID)
            .fetchAll(db)
        return VaultDetails(vault: vault, members: members, backups: backups)
    }

    /// Checks and inserts associations. Checks, in order: duplicates in the request (6104), then per
    /// resource the vault's object type (6102), existence in the project (6302), and membership of any
    /// vault (6103, naming that vault).
    private static func associate(
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
            if let existing = try VaultResourceRecord.fetchOne(db, key: resource.id) {
                throw EmulatorError.resourceAlreadyInVault(resource.id, vaultID: existing.vaultId)
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
