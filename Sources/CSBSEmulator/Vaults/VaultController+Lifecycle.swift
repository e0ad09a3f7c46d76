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

    /// `PUT /vaults/batch-update`: sets `smn_notify` and `threshold` on every vault of the project.
    @Sendable func batchUpdate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let update = try await WireJSON.decode(VaultBatchUpdateBody.self, from: request).update()
        let updated = try await store.updateVaults(
            projectID: grant.project.id, update: update, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(VaultBatchUpdateResponseBody(updatedVaultsId: updated))
    }

    /// `GET /vaults/external?external_project_id=…&region_id=…`: the vaults of another project of the caller's
    /// account (the destination of a replication), with `list_vault`'s filters; none for a project of another
    /// account.
    @Sendable func listExternal(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = request.uri.queryParameters
        guard let projectID = query.get("external_project_id"), !projectID.isEmpty,
            let region = query.get("region_id"), !region.isEmpty
        else {
            throw EmulatorError.invalidParameter("external_project_id and region_id are required.")
        }
        var filter = try VaultFilter(query: query)
        // The SDK spells the object type filter `objcet_type` here.
        filter.objectType = query.get("objcet_type") ?? filter.objectType
        filter.ids = query.get("vault_id").map { [$0] } ?? []
        let now = progress.now()
        let (total, page) = try await store.externalVaults(
            projectID: projectID, region: region, domainID: grant.project.domainId, filter: filter, at: now,
            environment: environment(context)
        )
        let body = VaultListBody(
            vaults: page.map { VaultBody($0, now: now) }, count: total, limit: filter.limit, offset: filter.offset
        )
        return try WireJSON.response(body)
    }
}
