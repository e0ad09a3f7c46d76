import Hummingbird

/// Vault update, deletion and resource removal.
extension VaultController {
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let update = try await WireJSON.decode(VaultUpdateBody.self, from: request).update()
        let now = progress.now()
        let details = try await store.updateVault(
            id: vaultID, projectID: grant.project.id, update: update, at: now, environment: environment(context)
        )
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let now = progress.now()
        try await store.deleteVault(
            id: vaultID, projectID: grant.project.id, at: now, finishesAt: progress.after(\.vaultDelete, from: now),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    @Sendable func removeResources(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(RemoveResourcesBody.self, from: request)
        try body.validate()
        let now = progress.now()
        let removed = try await store.removeResources(
            body.resourceIds, fromVault: vaultID, projectID: grant.project.id, at: now,
            finishesAt: progress.after(\.removeResource, from: now), environment: environment(context)
        )
        return try WireJSON.response(RemoveResourcesResponseBody(removeResourceIds: removed))
    }
}
