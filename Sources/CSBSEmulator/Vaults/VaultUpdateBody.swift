/// `PUT /v3/{project_id}/vaults/{vault_id}` body (§2.1.4); every field is optional.
struct VaultUpdateBody: Decodable, Sendable {
    struct Vault: Decodable, Sendable {
        var name: String?
        var billing: Billing?
        var autoBind: Bool?
        var autoExpand: Bool?
        var smnNotify: Bool?
        var threshold: Int?
        var locked: Bool?
        var bindRules: BindRulesItem?
    }

    struct Billing: Decodable, Sendable {
        /// GB, 1...10485760, read as any JSON number (see ``VaultCreateBody/Billing/size``).
        var size: Double?
        var consistentLevel: String?
    }

    var vault: Vault

    /// The allowed vault size on update, GB.
    static let sizeRange = 1...10_485_760

    /// Validates the body and turns it into a store update.
    /// - Throws: `BackupService.6101` for a size out of range, `BackupService.9900` for anything else.
    func update() throws -> VaultUpdate {
        let vault = vault
        if let name = vault.name { try WireText.name(name, field: "vault.name") }
        try VaultCreateBody.checkThreshold(vault.threshold)
        try VaultCreateBody.check(
            "vault.billing.consistent_level", vault.billing?.consistentLevel, in: ResourceType.consistentLevels
        )
        var sizeGB: Int?
        if let size = vault.billing?.size {
            guard let whole = VaultCreateBody.wholeNumber(size, in: Self.sizeRange) else {
                throw EmulatorError.invalidVaultUpdateSize(size)
            }
            sizeGB = whole
        }
        return VaultUpdate(
            name: vault.name, sizeGB: sizeGB, consistentLevel: vault.billing?.consistentLevel,
            autoBind: vault.autoBind, autoExpand: vault.autoExpand, smnNotify: vault.smnNotify,
            threshold: vault.threshold, locked: vault.locked,
            bindRules: try vault.bindRules?.validated(field: "vault.bind_rules")
        )
    }
}

/// `POST /v3/{project_id}/vaults/{vault_id}/removeresources` body (§2.2.2).
struct RemoveResourcesBody: Decodable, Sendable {
    var resourceIds: [String]

    /// Checks the list's size and that no id is empty.
    /// - Throws: `BackupService.9900`.
    func validate() throws {
        guard (1...256).contains(resourceIds.count) else {
            throw EmulatorError.invalidParameter("resource_ids must contain 1 to 256 ids.")
        }
        for (index, id) in resourceIds.enumerated() where id.isEmpty {
            throw EmulatorError.invalidParameter("resource_ids[\(index)] must not be empty.")
        }
    }
}

/// `POST /v3/{project_id}/vaults/{vault_id}/removeresources` response.
struct RemoveResourcesResponseBody: Encodable, Sendable {
    var removeResourceIds: [String]
}

/// `PUT /v3/{project_id}/vaults/batch-update` body: what every vault of the project gets.
struct VaultBatchUpdateBody: Decodable, Sendable {
    struct Vault: Decodable, Sendable {
        var smnNotify: Bool?
        var threshold: Int?
    }

    var vault: Vault

    /// The store update.
    /// - Throws: `BackupService.9900` for a threshold outside 1...100.
    func update() throws -> VaultUpdate {
        try VaultCreateBody.checkThreshold(vault.threshold)
        return VaultUpdate(smnNotify: vault.smnNotify, threshold: vault.threshold)
    }
}

/// `PUT /v3/{project_id}/vaults/batch-update` response.
struct VaultBatchUpdateResponseBody: Encodable, Sendable {
    var updatedVaultsId: [String]
}
