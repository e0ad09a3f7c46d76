import CSBSClient

extension VaultConvergence {
    /// What ``attach(_:type:name:to:)`` did.
    public enum AttachOutcome: Sendable, Hashable {
        /// The resource was added; the vault with it.
        case attached(Vault)
        /// The vault already held the resource; nothing was sent.
        case alreadyAttached(Vault)

        /// The vault as it is now.
        public var vault: Vault {
            switch self {
            case .attached(let vault), .alreadyAttached(let vault): vault
            }
        }
    }

    /// Adds the server or disk `resourceID` to `vault` unless the vault holds it already.
    public func attach(
        _ resourceID: String, type: VaultObjectType, name: String? = nil, to vault: Vault
    ) async throws -> AttachOutcome {
        guard !vault.contains(resourceID: resourceID) else { return .alreadyAttached(vault) }
        let resource = ResourceReference(id: resourceID, type: type.resourceType, name: name)
        _ = try await client.addResources(vaultID: vault.id, [resource])
        var vault = vault
        vault.resources = (vault.resources ?? []) + [VaultResource(id: resourceID, name: name, type: type.resourceType)]
        return .attached(vault)
    }
}
