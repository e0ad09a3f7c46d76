import Hummingbird

/// What happens to the resources of a vault besides adding and removing them: whether they follow its automatic
/// backups (`set-resources`) and moving them with their backups to another vault (`migrateresources`).
struct VaultResourceController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .put("vaults/:vault_id/set-resources", operation: "set_vault_resource", use: Self.setResources),
        .post("vaults/:vault_id/migrateresources", operation: "migrate_vault_resource", use: Self.migrateResources),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `PUT /vaults/{vault_id}/set-resources`: `suspend` keeps the resources out of the vault's scheduled backups
    /// (`auto_protect: false`), `unsuspend` puts them back.
    @Sendable func setResources(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(SetResourcesBody.self, from: request)
        let autoProtect = try body.validated()
        let changed = try await store.setAutoProtect(
            autoProtect, resourceIDs: body.resourceIds, vaultID: vaultID, projectID: grant.project.id,
            at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(SetResourcesResponseBody(setResourceIds: changed))
    }

    /// `POST /vaults/{vault_id}/migrateresources`: the resources and their backups go to `destination_vault_id`.
    @Sendable func migrateResources(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(MigrateResourcesBody.self, from: request)
        try body.validate()
        let migrated = try await store.migrateResources(
            body.resourceIds, fromVault: vaultID, toVault: body.destinationVaultId, projectID: grant.project.id,
            at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(MigrateResourcesResponseBody(migratedResources: migrated))
    }
}
