import FoundationEssentials

extension BackupClient {
    /// `POST /v3/{project_id}/vaults`: a new, empty backup vault.
    ///
    /// - Parameters:
    ///   - tags: Tags to create the vault with; an empty list sends none (the service rejects `"tags": []`).
    public func createVault(
        name: String, sizeGB: Int, objectType: VaultObjectType = .server,
        consistentLevel: String = "crash_consistent", tags: [Tag] = []
    ) async throws -> Vault {
        let body = CreateVaultBody(
            vault: .init(
                billing: .init(
                    cloudType: "public", consistentLevel: consistentLevel, objectType: objectType.rawValue,
                    protectType: "backup", size: sizeGB
                ),
                name: name, resources: [], tags: tags.isEmpty ? nil : tags
            )
        )
        let reconciler = Reconciler<VaultEnvelope>(what: "a vault named \"\(name)\"") { since in
            try await findCreatedVault(name: name, since: since).map(VaultEnvelope.init(vault:))
        }
        let response: VaultEnvelope = try await send(.createVault, body: body, reconciler: reconciler
        )
        return response.vault
    }

    /// `GET /v3/{project_id}/vaults`, filtered by exact name when given.
    /// - Parameter intent: what the caller expects to find (see ``LookupIntent``); a real service ignores it.
    public func listVaults(
        name: String? = nil, limit: Int? = nil, offset: Int? = nil, intent: LookupIntent = .plain
    ) async throws -> VaultPage {
        var query: [(String, String)] = []
        if let limit { query.append(("limit", String(limit))) }
        if let name { query.append(("name", name)) }
        if let offset { query.append(("offset", String(offset))) }
        return try await send(.listVaults, query: query, intent: intent)
    }

    /// `GET /v3/{project_id}/vaults` with every filter of ``VaultQuery``.
    public func listVaults(_ query: VaultQuery) async throws -> VaultPage {
        try await send(.listVaults, query: query.queryItems)
    }

    /// Every vault matching `query`, page by page (offset pagination, `pageSize` per request).
    public func vaults(_ query: VaultQuery = .init(), pageSize: Int = 100) -> PageSequence<Vault> {
        let client = self
        return PageSequence(first: .offset(query.offset ?? 0), source: pageSource(.listVaults)) { cursor in
            var page = query
            page.offset = cursor.offsetValue ?? 0
            page.limit = pageSize
            let result = try await client.listVaults(page)
            return FetchedPage(
                elements: result.vaults,
                next: .afterOffsetPage(
                    offset: page.offset ?? 0, received: result.vaults.count, limit: pageSize, total: result.count?.value
                )
            )
        }
    }

    /// `GET /v3/{project_id}/vaults/{vault_id}`.
    public func showVault(id: String) async throws -> Vault {
        let response: VaultEnvelope = try await send(.showVault, id)
        return response.vault
    }

    /// `GET /v3/{project_id}/vaults/summary`: the total capacity and used capacity of the project's vaults, in GB.
    public func showVaultSummary() async throws -> VaultSummary {
        try await send(.showVaultSummary)
    }

    /// `POST /v3/{project_id}/vaults/{vault_id}/addresources`; returns the ids the service added.
    public func addResources(vaultID: String, _ resources: [ResourceReference]) async throws -> [String] {
        let wanted = resources.map(\.id)
        let reconciler = Reconciler<AddResourcesResponse>(what: "resources \(wanted.joined(separator: ", ")) in the vault") {
            _ in
            let vault = try await showVault(id: vaultID)
            let present = wanted.filter(vault.resourceIDs.contains)
            return present.isEmpty ? nil : AddResourcesResponse(addResourceIDs: present)
        }
        let response: AddResourcesResponse = try await send(.addResources, vaultID, body: AddResourcesBody(resources: resources), reconciler: reconciler
        )
        return response.addResourceIDs ?? []
    }

    /// The vault named `name` created at or after `since`; `nil` when there is none.
    /// - Throws: `.ambiguousOutcome` when several such vaults exist.
    func findCreatedVault(name: String, since: Date) async throws -> Vault? {
        let candidates = try await vaults(VaultQuery(name: name)).collect().filter { vault in
            guard vault.name == name else { return false }
            guard let created = vault.createdAt.flatMap(WireDate.parse) else { return true }
            return created >= since
        }
        guard candidates.count <= 1 else {
            throw ClientError(
                kind: .ambiguousOutcome, operation: "create vault",
                message: "the answer was lost and \(candidates.count) vaults named \"\(name)\" were created since: "
                    + candidates.map(\.id).joined(separator: ", ")
            )
        }
        return candidates.first
    }
}

/// The body of a `vault` answer (create, show, update): `{"vault": …}`.
public struct VaultEnvelope: Codable, Sendable, Hashable {
    public var vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }
}

/// The body of `POST /v3/{project_id}/vaults` (`VaultCreate` on the wire).
public struct CreateVaultBody: Codable, Sendable, Hashable {
    public var vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// The vault to create.
    public struct Vault: Codable, Sendable, Hashable {
        public var billing: Billing
        public var name: String
        public var resources: [ResourceReference]
        /// Left out when `nil`.
        public var tags: [Tag]?

        public init(billing: Billing, name: String, resources: [ResourceReference], tags: [Tag]? = nil) {
            self.billing = billing
            self.name = name
            self.resources = resources
            self.tags = tags
        }
    }

    /// The new vault's `billing` block; `size` is GB.
    public struct Billing: Codable, Sendable, Hashable {
        public var cloudType: String
        public var consistentLevel: String
        public var objectType: String
        public var protectType: String
        public var size: Int

        enum CodingKeys: String, CodingKey {
            case size
            case cloudType = "cloud_type"
            case consistentLevel = "consistent_level"
            case objectType = "object_type"
            case protectType = "protect_type"
        }

        public init(cloudType: String, consistentLevel: String, objectType: String, protectType: String, size: Int) {
            self.cloudType = cloudType
            self.consistentLevel = consistentLevel
            self.objectType = objectType
            self.protectType = protectType
            self.size = size
        }
    }
}

/// The body of `POST /v3/{project_id}/vaults/{vault_id}/addresources`.
public struct AddResourcesBody: Codable, Sendable, Hashable {
    public var resources: [ResourceReference]

    public init(resources: [ResourceReference]) {
        self.resources = resources
    }
}

/// The answer to `addresources`: the ids the service added.
public struct AddResourcesResponse: Codable, Sendable, Hashable {
    public var addResourceIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case addResourceIDs = "add_resource_ids"
    }

    public init(addResourceIDs: [String]?) {
        self.addResourceIDs = addResourceIDs
    }
}
