import CSBSClient

extension VaultConvergence {
    /// What ``detach(_:from:)`` did.
    public enum DetachOutcome: Sendable, Hashable {
        /// The resource was removed; the vault without it.
        case detached(Vault)
        /// The service was already removing the resource; nothing was sent.
        case beingDetached(Vault)
        /// The vault did not hold the resource; nothing was sent.
        case notAttached(Vault)

        /// The vault as it is now.
        public var vault: Vault {
            switch self {
            case .detached(let vault), .beingDetached(let vault), .notAttached(let vault): vault
            }
        }
    }

    /// Removes the server or disk `resourceID` from the vault with the ID `vaultID`, as the service has the vault
    /// now, unless the vault does not hold it or is removing it already.
    public func detach(_ resourceID: String, from vaultID: String) async throws -> DetachOutcome {
        var vault = try await client.showVault(id: vaultID)
        if vault.resources?.first(where: { $0.id == resourceID })?.protectStatus == "removing" {
            return .beingDetached(vault)
        }
        guard vault.contains(resourceID: resourceID) else { return .notAttached(vault) }
        _ = try await client.removeResources(vaultID: vault.id, resourceIDs: [resourceID])
        vault.resources = vault.resources?.filter { $0.id != resourceID }
        return .detached(vault)
    }
}
