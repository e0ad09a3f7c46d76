import CSBSClient

/// Deletes a vault, refusing one that still holds resources or backups unless forced: what `delete vault`
/// does, without the language.
public struct VaultDeletion: Sendable {
    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// Deletes `vault`. Resources being removed do not count; the backups are counted with one listing call,
    /// which is made with `force` too.
    /// - Throws: ``VaultDeletionError/notEmpty(vault:resources:backups:)`` before anything is written when the
    ///   vault holds resources or backups and `force` is not set; the client's error when a call fails.
    public func delete(_ vault: Vault, force: Bool) async throws {
        let resources = (vault.resources ?? []).filter { !$0.isBeingRemoved }.count
        let page = try await client.listBackups(BackupQuery(vaultID: vault.id, limit: 1))
        let backups = page.count?.value ?? page.backups.count
        if !force, resources > 0 || backups > 0 {
            throw VaultDeletionError.notEmpty(vault: vault.name, resources: resources, backups: backups)
        }
        try await client.deleteVault(id: vault.id)
    }
}

/// Why ``VaultDeletion`` did not delete a vault.
public enum VaultDeletionError: Error, Sendable, Hashable {
    /// The vault holds resources or backups, and deleting it was not forced.
    case notEmpty(vault: String, resources: Int, backups: Int)
}
