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
