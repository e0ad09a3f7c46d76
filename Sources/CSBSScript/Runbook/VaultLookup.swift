import CSBSClient

/// Finds an existing vault by name or ID; never creates one: what `use vault`, `show vault` and the `vault NAME`
/// arguments of other statements do, without the language.
public struct VaultLookup: Sendable {
    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// The vault called `name`, else the vault whose ID is `name` (a name wins over an ID). A vault being deleted
    /// does not make a name ambiguous: when others have the name, it is left out (as when a process that lost a
    /// race to create the name removes its copy, see ``VaultConvergence``).
    /// - Throws: ``VaultLookupError`` when several vaults have the name or none has the name or ID; the client's
    ///   error when the listing fails.
    public func find(_ name: String) async throws -> Vault {
        var matches = try await client.listVaults(name: name).vaults.filter { $0.name == name || $0.id == name }
        if matches.count > 1, matches.contains(where: { !$0.isBeingDeleted }) {
            matches.removeAll { $0.isBeingDeleted }
        }
        if matches.count > 1 {
            throw VaultLookupError.ambiguous(name: name, count: matches.count)
        }
        if let vault = matches.first { return vault }
        if let byID = try? await client.showVault(id: name) { return byID }
        throw VaultLookupError.notFound(name: name)
    }

    /// The vault holding each of `resourceIDs`, for saying which one when the service refused to add them to
    /// another (``isInAnotherVault(_:)``): one listing filtered by `resource_ids`. Best effort: an ID no vault
    /// lists, or a listing that fails, is left out.
    public func vaultsHolding(_ resourceIDs: [String]) async -> [String: Vault] {
        guard !resourceIDs.isEmpty,
            let page = try? await client.listVaults(VaultQuery(resourceIDs: resourceIDs, limit: resourceIDs.count))
        else { return [:] }
        var holding: [String: Vault] = [:]
        for vault in page.vaults {
            for id in resourceIDs where holding[id] == nil && vault.contains(resourceID: id) {
                holding[id] = vault
            }
        }
        return holding
    }

    /// Whether the service refused to add a resource because another vault holds it (`BackupService.6103`, and
    /// `7116` or `7006` for a server or a disk).
    public static func isInAnotherVault(_ error: ClientError) -> Bool {
        ["BackupService.6103", "BackupService.7116", "BackupService.7006"].contains(error.code ?? "")
    }

    /// The vault with this ID as the service has it now.
    public func current(id: String) async throws -> Vault {
        try await client.showVault(id: id)
    }
}

/// Why ``VaultLookup`` found no vault.
public enum VaultLookupError: Error, Sendable, Hashable {
    /// Several vaults have the name.
    case ambiguous(name: String, count: Int)
    /// No vault has the name or the ID.
    case notFound(name: String)
}
