import Hummingbird

/// CBR vaults: create, list, show, update, delete, associate or remove resources, and the project's capacity summary
/// (`/v3/{project_id}/vaults…`).
struct VaultController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("vaults", operation: "create_vault", use: Self.create),
        .get("vaults", operation: "list_vault", use: Self.list),
        // Before `vaults/:vault_id`; the router prefers the constant segment either way (EmulatedAPITests).
        .get("vaults/summary", operation: "show_summary", use: Self.summary),
        .get("vaults/external", operation: "list_external_vault", use: Self.listExternal),
        .put("vaults/batch-update", operation: "batch_update_vault", use: Self.batchUpdate),
        .get("storage_usage", operation: "show_storage_usage", use: Self.storageUsage),
        .get("vaults/:vault_id", operation: "show_vault", use: Self.show),
        .post("vaults/:vault_id/addresources", operation: "add_vault_resource", use: Self.addResources),
        .put("vaults/:vault_id", operation: "update_vault", use: Self.update),
        .delete("vaults/:vault_id", operation: "delete_vault", use: Self.delete),
        .post("vaults/:vault_id/removeresources", operation: "remove_vault_resource", use: Self.removeResources),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(VaultCreateBody.self, from: request)
        try body.validate()
        let now = progress.now()
        let details = try await store.createVault(
            try VaultRecord(body, id: context.identifiers.uuid(), grant: grant, createdAt: now),
            resources: body.vault.resources.map(\.association),
            tags: try body.tagChanges(),
            policyID: body.vault.backupPolicyId
        )
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let filter = try VaultFilter(query: request.uri.queryParameters)
        let now = progress.now()
        let (total, page) = try await store.vaults(
            projectID: grant.project.id, filter: filter, at: now, environment: environment(context)
        )
        let body = VaultListBody(
            vaults: page.map { VaultBody($0, now: now) },
            count: total,
            limit: filter.limit,
            offset: filter.offset
        )
        return try WireJSON.response(body)
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let now = progress.now()
        guard let details = try await store.vaultDetails(
            id: vaultID, projectID: grant.project.id, at: now, environment: environment(context)
        ) else {
            throw EmulatorError.vaultNotFound
        }
        return try WireJSON.response(VaultEnvelope(vault: VaultBody(details, now: now)))
    }

    @Sendable func summary(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let summary = try await store.vaultSummary(
            projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(summary)
    }

    /// `GET /storage_usage`: per resource, how many backups hold data and their size, with `resource_id`,
    /// `resource_type`, `limit` (1...1000) and `offset` (see ``EmulatorStore``'s `storageUsage`).
    @Sendable func storageUsage(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let parameters = request.uri.queryParameters
        let resourceType = parameters.get("resource_type")
        if let resourceType, !ResourceType.all.contains(resourceType) {
            throw EmulatorError.invalidParameter("Invalid resource_type '\(resourceType)'.")
        }
        let query = StorageUsageQuery(
            resourceID: parameters.get("resource_id"), resourceType: resourceType,
            limit: try parameters.integer("limit", in: 1...1000, default: 1000),
            offset: try parameters.integer("offset", in: 0...Int(Int32.max), default: 0)
        )
        let body = try await store.storageUsage(
            projectID: grant.project.id, query: query, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(body)
    }

    @Sendable func addResources(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(AddResourcesBody.self, from: request)
        try ResourceItem.validate(body.resources, field: "resources", allowEmpty: false)
        let added = try await store.addResources(
            body.resources.map(\.association), toVault: vaultID, projectID: grant.project.id, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(AddResourcesResponseBody(addResourceIds: added))
    }
}
