import Hummingbird

/// Vault update, deletion and resource removal.
extension VaultController {
    @Sendable func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let vaultID = try context.parameters.require("vault_id")
        let update = try await WireJSON.decode(VaultUpdateBody.self, from: request).update()
        let now = progress.now()
        let details = try await store.updateVault(id: vaultID, projectID: grant.project.id, update: update, at: now)
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let vaultID = try context.parameters.require("vault_id")
        let now = progress.now()
        try await store.deleteVault(
            id: vaultID, projectID: grant.project.id, at: now, finishesAt: progress.after(\.vaultDelete, from: now)
        )
        return Response(status: .noContent)
    }

    @Sendable func removeResources(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(RemoveResourcesBody.self, from: request)
        try body.validate()
        let now = progress.now()
        let removed = try await store.removeResources(
            body.resourceIds, fromVault: vaultID, projectID: grant.project.id, at: now,
            finishesAt: progress.after(\.removeResource, from: now)
        )
        return try WireJSON.response(RemoveResourcesResponseBody(removeResourceIds: removed))
    }
}
