/// `PUT /v3/{project_id}/vaults/{vault_id}/set-resources` body (§2.2.3): whether the resources follow the vault's
/// automatic backup policy.
struct SetResourcesBody: Decodable, Sendable {
    var resourceIds: [String]
    var action: String

    /// `suspend` takes the resources out of the vault's scheduled backups, `unsuspend` puts them back.
    static let actions = ["suspend", "unsuspend"]

    /// Checks the list (as `removeresources` does) and the action.
    /// - Returns: Whether the resources follow the policy after the action (`auto_protect`).
    /// - Throws: `BackupService.9900`.
    func validated() throws -> Bool {
        try RemoveResourcesBody(resourceIds: resourceIds).validate()
        guard Self.actions.contains(action) else {
            throw EmulatorError.invalidParameter("action must be suspend or unsuspend, not '\(action)'.")
        }
        return action == "unsuspend"
    }
}

/// `PUT /v3/{project_id}/vaults/{vault_id}/set-resources` response.
struct SetResourcesResponseBody: Encodable, Sendable {
    var setResourceIds: [String]
}

/// `POST /v3/{project_id}/vaults/{vault_id}/migrateresources` body (§2.2.3).
struct MigrateResourcesBody: Decodable, Sendable {
    var destinationVaultId: String
    var resourceIds: [String]

    /// Checks the list (as `removeresources` does) and that the destination is given.
    /// - Throws: `BackupService.9900`.
    func validate() throws {
        guard !destinationVaultId.isEmpty else {
            throw EmulatorError.invalidParameter("destination_vault_id must not be empty.")
        }
        try RemoveResourcesBody(resourceIds: resourceIds).validate()
    }
}

/// `POST /v3/{project_id}/vaults/{vault_id}/migrateresources` response: the resources migrated, in request order.
struct MigrateResourcesResponseBody: Encodable, Sendable {
    var migratedResources: [String]
}
