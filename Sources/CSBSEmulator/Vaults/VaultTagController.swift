import Foundation
import HTTPTypes
import Hummingbird

/// CBR vault tags (`/v3/{project_id}/vault/{vault_id}/tags…` and `/v3/{project_id}/vault/tags`).
struct VaultTagController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .get("vault/tags", operation: "show_vault_project_tag", use: Self.projectTags),
        .post("vault/:vault_id/tags", operation: "create_vault_tags", use: Self.create),
        .get("vault/:vault_id/tags", operation: "show_vault_tag", use: Self.list),
        .delete("vault/:vault_id/tags/:key", operation: "delete_vault_tag", use: Self.delete),
        .post("vault/:vault_id/tags/action", operation: "batch_create_and_delete_vault_tags", use: Self.action),
        .post("vault/resource_instances/action", operation: "show_vault_resource_instances", use: Self.instances),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let tag = try await WireJSON.decode(TagCreateBody.self, from: request).tag.validated(field: "tag")
        try await store.changeTags(
            vaultID: vaultID, projectID: grant.project.id, set: [tag], remove: [], strict: true, at: progress.now(),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let tags = try await store.tags(
            vaultID: vaultID, projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(TagListBody(tags: tags.map { .init(key: $0.key, value: $0.value) }))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        // The router hands the segment over as sent: `a%20b` is the key `a b`.
        let segment = try context.parameters.require("key")
        let key = segment.removingPercentEncoding ?? segment
        try await store.changeTags(
            vaultID: vaultID, projectID: grant.project.id, set: [], remove: [key], strict: true, at: progress.now(),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    @Sendable func action(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(TagActionBody.self, from: request)
        guard body.action == "create" || body.action == "delete" else {
            throw EmulatorError.invalidParameter("action must be create or delete.")
        }
        let creating = body.action == "create"
        let tags = try TagItem.validated(body.tags, field: "tags", keyOnly: !creating)
        try await store.changeTags(
            vaultID: vaultID, projectID: grant.project.id, set: creating ? tags : [],
            remove: creating ? [] : tags.map(\.key), strict: false, at: progress.now(),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    /// Vaults found by their tags (``VaultInstancesBody``): `count` answers `total_count` only, `filter` a page too.
    @Sendable func instances(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let filter = try await WireJSON.decode(VaultInstancesBody.self, from: request).filter()
        var vaultFilter = VaultFilter()
        vaultFilter.objectType = filter.objectType
        vaultFilter.cloudType = filter.cloudType
        vaultFilter.limit = Int(Int32.max)
        let now = progress.now()
        let (_, vaults) = try await store.vaults(
            projectID: grant.project.id, filter: vaultFilter, at: now, environment: environment(context)
        )
        let selected = vaults.filter { filter.selects(tags: $0.tags, name: $0.vault.name) }
        guard !filter.counting else {
            return try WireJSON.response(VaultInstancesResponseBody(resources: nil, totalCount: selected.count))
        }
        let page = selected.dropFirst(filter.offset).prefix(filter.limit).map { details in
            VaultInstancesResponseBody.Resource(
                resourceId: details.vault.id, resourceName: details.vault.name,
                resourceDetail: .init(vault: VaultBody(details, now: now)),
                tags: details.tags.map { .init(key: $0.key, value: $0.value) }
            )
        }
        return try WireJSON.response(VaultInstancesResponseBody(resources: Array(page), totalCount: selected.count))
    }

    @Sendable func projectTags(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let tags = try await store.projectTags(
            projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(ProjectTagListBody(tags: tags.map { .init(key: $0.key, values: $0.values) }))
    }
}
