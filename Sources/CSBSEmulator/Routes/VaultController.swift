import Hummingbird

/// CBR vaults: create, list, show, update, delete, and associate or remove resources (`/v3/{project_id}/vaults…`).
struct VaultController: Sendable {
    let store: EmulatorStore
    let authenticator: TokenAuthenticator

    var progress: BackupProgress { authenticator.progress }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let vaults = router.group("v3/:project_id/vaults")
        vaults.post(use: create)
        vaults.get(use: list)
        vaults.get(":vault_id", use: show)
        vaults.post(":vault_id/addresources", use: addResources)
        vaults.put(":vault_id", use: update)
        vaults.delete(":vault_id", use: delete)
        vaults.post(":vault_id/removeresources", use: removeResources)
    }

    @Sendable func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let body = try await WireJSON.decode(VaultCreateBody.self, from: request)
        try body.validate()
        let now = progress.now()
        let details = try await store.createVault(
            VaultRecord(body.vault, id: Identifiers.uuid(), grant: grant, createdAt: now),
            resources: body.vault.resources.map(\.association),
            tags: try body.tagChanges()
        )
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func list(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let filter = try VaultFilter(query: request.uri.queryParameters)
        let now = progress.now()
        let (total, page) = try await store.vaults(projectID: grant.project.id, filter: filter, at: now)
        let body = VaultListBody(
            vaults: page.map { VaultBody($0, now: now) },
            count: total,
            limit: filter.limit,
            offset: filter.offset
        )
        return try WireJSON.response(body)
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let vaultID = try context.parameters.require("vault_id")
        let now = progress.now()
        guard let details = try await store.vaultDetails(id: vaultID, projectID: grant.project.id, at: now) else {
            throw EmulatorError.vaultNotFound
        }
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func addResources(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(AddResourcesBody.self, from: request)
        try ResourceItem.validate(body.resources, field: "resources", allowEmpty: false)
        let added = try await store.addResources(
            body.resources.map(\.association), toVault: vaultID, projectID: grant.project.id, at: progress.now()
        )
        return try WireJSON.response(AddResourcesResponseBody(addResourceIds: added))
    }
}

extension BasicRequestContext {
    /// The `{project_id}` path parameter.
    func projectID() throws -> String {
        try parameters.require("project_id")
    }
}
