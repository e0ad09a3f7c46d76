import GRDB

/// The changes `PUT /vaults/{id}` asks for; `nil` leaves a field alone.
struct VaultUpdate: Sendable, Equatable {
    var name: String?
    var sizeGB: Int?
    var consistentLevel: String?
    var autoBind: Bool?
    var autoExpand: Bool?
    var smnNotify: Bool?
    var threshold: Int?
    var locked: Bool?
    /// The new `bind_rules.tags`.
    var bindRules: [TagChange]?
}

extension EmulatorStore {
    /// Applies an update to a vault; one that sets `auto_bind` or `bind_rules` then binds the servers they match
    /// (see ``autoBind(_:at:in:)``).
    /// - Throws: 6105 (no such vault), 6112 (vault being deleted), 6101 (new size below what is used), 6110
    ///   (unlocking a locked vault).
    func updateVault(
        id: String,
        projectID: String,
        update: VaultUpdate,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> VaultDetails {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard var vault = try Self.vault(id, projectID: projectID, in: db) else { throw EmulatorError.vaultNotFound }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            if let size = update.sizeGB {
                let used = try Self.usedMB(vaultID: vault.id, at: now, in: db)
                guard size * 1024 >= used else { throw EmulatorError.vaultSmallerThanUsed(size, usedMB: used) }
                vault.sizeGB = size
            }
            if let name = update.name { vault.name = name }
            if let level = update.consistentLevel { vault.consistentLevel = level }
            if let autoBind = update.autoBind { vault.autoBind = autoBind }
            if let autoExpand = update.autoExpand { vault.autoExpand = autoExpand }
            if let smnNotify = update.smnNotify { vault.smnNotify = smnNotify }
            if let threshold = update.threshold { vault.threshold = threshold }
            if let locked = update.locked {
                guard locked || !vault.locked else { throw EmulatorError.lockedVaultCannotUnlock }
                vault.locked = locked
            }
            if let rules = update.bindRules { vault.bindRules = WireJSON.encodeText(rules) }
            try vault.update(db)
            if update.autoBind != nil || update.bindRules != nil { _ = try Self.autoBind(vault, at: now, in: db) }
            return try Self.details(of: vault, at: now, in: db)
        }
    }

    /// Applies `update` (its `smn_notify` and `threshold`) to every vault of `projectID` that is not being deleted.
    /// - Returns: The ids of the vaults updated, in creation order.
    func updateVaults(
        projectID: String,
        update: VaultUpdate,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [String] {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            var updated: [String] = []
            let vaults = try VaultRecord.filter(Column("projectId") == projectID && Column("deletingUntil") == nil)
                .order(Column("createdAt"), Column.rowID).fetchAll(db)
            for var vault in vaults {
                if let smnNotify = update.smnNotify { vault.smnNotify = smnNotify }
                if let threshold = update.threshold { vault.threshold = threshold }
                try vault.update(db)
                updated.append(vault.id)
            }
            return updated
        }
    }

    /// Starts deleting a vault: `billing.status` is `deleting` (and its backups `deleting`) until `finishesAt`,
    /// then the vault is gone with its backups. Writes a `vault_delete` task.
    /// - Throws: 6105 (no such vault), 6112 (already being deleted), 6203 (a backup or restore is running).
    func deleteVault(
        id: String,
        projectID: String,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(id, projectID: projectID, in: db) else { throw EmulatorError.vaultNotFound }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            let backups = try BackupRecord.filter(Column("vaultId") == vault.id).fetchAll(db)
            guard !backups.contains(where: { ["protecting", "restoring"].contains($0.status(at: now)) }) else {
                throw EmulatorError.vaultBackupRunning
            }
            var deleting = vault
            deleting.deletingUntil = finishesAt
            try deleting.update(db)
            try BackupRecord.filter(Column("vaultId") == vault.id && Column("deletingUntil") == nil)
                .updateAll(db, Column("deletingUntil").set(to: finishesAt), Column("updatedAt").set(to: now))
            let count = backups.filter { $0.parentId == nil && $0.deletingUntil == nil }.count
            let resource = (id: vault.id, name: vault.name, type: Self.resourceType(ofVault: vault))
            try OperationLogRecord(
                type: "vault_delete", vault: vault, resource: resource, count: count, startedAt: now,
                finishesAt: finishesAt, ids: environment.identifiers
            ).insert(db)
        }
    }

    /// Starts removing resources from a vault: each is `removing` (its backups in the vault `deleting`) until
    /// `finishesAt`, then gone. Writes a `remove_resource` task per resource.
    /// - Returns: The ids removed, in request order.
    /// - Throws: 6105 (no such vault), 6112 (vault being deleted), 6104 (duplicate id), 6135 (not in the
    ///   vault), 6134 (already being removed).
    func removeResources(
        _ ids: [String],
        fromVault vaultID: String,
        projectID: String,
        at now: Int64,
        finishesAt: Int64,
        environment: StoreEnvironment
    ) async throws -> [String] {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            for var member in try Self.requireMembers(ids, of: vault, in: db) {
                member.removingUntil = finishesAt
                try member.update(db)
                let own = try BackupRecord.filter(
                    Column("vaultId") == vault.id && Column("resourceId") == member.resourceId && Column("parentId") == nil
                ).fetchAll(db)
                for backup in own {
                    try Self.family(of: backup, in: db).filter(Column("deletingUntil") == nil)
                        .updateAll(db, Column("deletingUntil").set(to: finishesAt), Column("updatedAt").set(to: now))
                }
                let resource = (id: member.resourceId, name: member.name, type: member.resourceType)
                try OperationLogRecord(
                    type: "remove_resource", vault: vault, resource: resource, count: own.count, startedAt: now,
                    finishesAt: finishesAt, ids: environment.identifiers
                ).insert(db)
            }
            return ids
        }
    }

    /// The resource type a vault of this object type holds (for the resource of a task about the whole vault).
    static func resourceType(ofVault vault: VaultRecord) -> String {
        switch vault.objectType {
        case "disk": ResourceType.volume
        case "turbo": ResourceType.turbo
        case "workspace": ResourceType.desktop
        case "vmware", "file": ResourceType.native
        default: ResourceType.server
        }
    }
}
