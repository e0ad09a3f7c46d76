import Hummingbird

/// CBR protectable resources: list and show servers and disks (`/v3/{project_id}/protectables/{type}/instances…`).
struct ProtectableController: APIController {
    /// Path types the emulator knows; only `server` and `disk` have instances here.
    static let types: [String: String] = [
        "server": ResourceType.server, "disk": ResourceType.volume, "turbo": ResourceType.turbo,
        "workspace": ResourceType.desktop, "workspace_v2": ResourceType.desktop,
    ]

    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .get("protectables/:protectable_type/instances", operation: "list_protectable", use: Self.list),
        .get("protectables/:protectable_type/instances/:instance_id", operation: "show_protectable", use: Self.show),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let type = try Self.resourceType(context)
        let filter = try Self.filter(request.uri.queryParameters)
        let now = progress.now()
        guard type == ResourceType.server || type == ResourceType.volume else {
            return try WireJSON.response(ProtectableListBody(instances: []))
        }
        let rows = try await store.protectables(
            projectID: grant.project.id, resourceType: type, filter: filter, at: now, environment: environment(context)
        )
        return try WireJSON.response(ProtectableListBody(instances: rows.map { ProtectableBody($0, now: now) }))
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let type = try Self.resourceType(context)
        let id = try context.parameters.require("instance_id")
        let now = progress.now()
        guard let details = try await store.protectable(
            id: id, resourceType: type, projectID: grant.project.id, at: now, environment: environment(context)
        ) else { throw EmulatorError.resourceNotFound(id) }
        return try WireJSON.response(ProtectableEnvelope(instance: ProtectableBody(details, now: now)))
    }

    /// The resource type of the `{protectable_type}` path segment.
    /// - Throws: `BackupService.9900` for an unknown type.
    private static func resourceType(_ context: EmulatorRequestContext) throws -> String {
        let name = try context.parameters.require("protectable_type")
        guard let type = types[name] else {
            throw EmulatorError.invalidParameter("Invalid protectable_type '\(name)'.")
        }
        return type
    }

    private static func filter(_ query: Parameters) throws -> ProtectableFilter {
        var filter = ProtectableFilter()
        filter.name = query.get("name")
        filter.status = query.get("status")
        if let status = filter.status, !["active", "deleted", "error"].contains(status) {
            throw EmulatorError.invalidParameter("status must be active, deleted or error.")
        }
        filter.id = query.get("id")
        filter.serverID = query.get("server_id")
        filter.limit = try query.integer("limit", in: 1...50, default: 50)
        filter.offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        filter.marker = query.get("marker")
        return filter
    }
}
