extension CBRClient {
    /// `POST /v3/{project_id}/vaults`: a new, empty backup vault.
    public func createVault(
        name: String, sizeGB: Int, objectType: VaultObjectType = .server,
        consistentLevel: String = "crash_consistent"
    ) async throws -> Vault {
        let body = CreateVaultBody(
            vault: .init(
                billing: .init(
                    cloudType: "public", consistentLevel: consistentLevel, objectType: objectType.rawValue,
                    protectType: "backup", size: sizeGB
                ),
                name: name, resources: []
            )
        )
        let response: VaultEnvelope = try await send("create vault", method: "POST", path: "/vaults", body: body, idempotent: false)
        return response.vault
    }

    /// `GET /v3/{project_id}/vaults`, filtered by exact name when given.
    public func listVaults(name: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> VaultPage {
        var query: [(String, String)] = []
        if let limit { query.append(("limit", String(limit))) }
        if let name { query.append(("name", name)) }
        if let offset { query.append(("offset", String(offset))) }
        return try await send("list vaults", method: "GET", path: "/vaults", query: query, idempotent: true)
    }

    /// `GET /v3/{project_id}/vaults/{vault_id}`.
    public func showVault(id: String) async throws -> Vault {
        let response: VaultEnvelope = try await send(
            "show vault", method: "GET", path: "/vaults/\(SigningEncoding.percentEncode(id))", idempotent: true
        )
        return response.vault
    }

    /// `POST /v3/{project_id}/vaults/{vault_id}/addresources`; returns the ids the service added.
    public func addResources(vaultID: String, _ resources: [ResourceReference]) async throws -> [String] {
        let response: AddResourcesResponse = try await send(
            "add resources", method: "POST", path: "/vaults/\(SigningEncoding.percentEncode(vaultID))/addresources",
            body: AddResourcesBody(resources: resources), idempotent: false
        )
        return response.addResourceIDs ?? []
    }
}

struct VaultEnvelope: Decodable {
    var vault: Vault
}

struct CreateVaultBody: Encodable {
    var vault: Vault

    struct Vault: Encodable {
        var billing: Billing
        var name: String
        var resources: [ResourceReference]
    }

    struct Billing: Encodable {
        var cloudType: String
        var consistentLevel: String
        var objectType: String
        var protectType: String
        var size: Int

        enum CodingKeys: String, CodingKey {
            case size
            case cloudType = "cloud_type"
            case consistentLevel = "consistent_level"
            case objectType = "object_type"
            case protectType = "protect_type"
        }
    }
}

struct AddResourcesBody: Encodable {
    var resources: [ResourceReference]
}

struct AddResourcesResponse: Decodable {
    var addResourceIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case addResourceIDs = "add_resource_ids"
    }
}
