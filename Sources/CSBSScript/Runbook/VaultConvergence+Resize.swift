import CSBSClient

extension VaultConvergence {
    /// What ``resize(_:toGB:)`` did.
    public enum ResizeOutcome: Sendable, Hashable {
        /// The vault's capacity was changed from `fromGB` (`nil` when the service gave none) to `toGB`.
        case resized(Vault, fromGB: Int?, toGB: Int)
        /// The vault already had the size; nothing was sent.
        case unchanged(Vault)

        /// The vault as it is now.
        public var vault: Vault {
            switch self {
            case .resized(let vault, _, _), .unchanged(let vault): vault
            }
        }
    }

    /// Changes the vault's capacity to `sizeGB`, up or down, unless it has that size already.
    public func resize(_ vault: Vault, toGB sizeGB: Int) async throws -> ResizeOutcome {
        let before = vault.billing?.size?.value
        guard before != sizeGB else { return .unchanged(vault) }
        return .resized(try await client.resizeVault(id: vault.id, sizeGB: sizeGB), fromGB: before, toGB: sizeGB)
    }
}
