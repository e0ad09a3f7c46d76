import Hummingbird

/// File-backup clients (`/v3/{project_id}/agents…`, `/v3/{project_id}/agent/check`): a client registers itself,
/// reports its removal, and carries the directories it backs up. The emulator keeps them; it runs no file backups.
struct AgentController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("agents", operation: "register_agent", use: Self.register),
        .get("agents", operation: "list_agent", use: Self.list),
        .get("agents/:agent_id", operation: "show_agent", use: Self.show),
        .put("agents/:agent_id", operation: "update_agent", use: Self.update),
        .delete("agents/:agent_id", operation: "unregister_agent", use: Self.unregister),
        .post("agents/:agent_id/add-path", operation: "add_agent_path", use: Self.addPath),
        .post("agents/:agent_id/remove-path", operation: "remove_agent_path", use: Self.removePath),
        .post("agent/check", operation: "check_agent", use: Self.check),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func register(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let registration = try await WireJSON.decode(AgentRegisterBody.self, from: request).registration()
        let details = try await store.registerAgent(registration, projectID: grant.project.id, at: progress.now())
        return try WireJSON.response(AgentEnvelope(agent: AgentBody(details)))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = request.uri.queryParameters
        var filter = AgentFilter()
        filter.status = query.get("status")
        filter.ids = query.getAll("agent_id")
        filter.limit = try query.integer("limit", in: 1...1000, default: 1000)
        filter.offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        let (total, page) = try await store.agents(projectID: grant.project.id, filter: filter)
        return try WireJSON.response(
            AgentListBody(agents: page.map(AgentBody.init), count: total, limit: filter.limit, offset: filter.offset)
        )
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let details = try await store.agent(id: try context.parameters.require("agent_id"), projectID: grant.project.id)
        return try WireJSON.response(AgentEnvelope(agent: AgentBody(details)))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let agentID = try context.parameters.require("agent_id")
        let status = try await WireJSON.decode(AgentUpdateBody.self, from: request).status()
        let details = try await store.updateAgent(id: agentID, projectID: grant.project.id, status: status, at: progress.now())
        return try WireJSON.response(AgentEnvelope(agent: AgentBody(details)))
    }

    /// `DELETE /agents/{agent_id}`: 200 without a body, as the service documents it.
    @Sendable func unregister(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        try await store.unregisterAgent(id: try context.parameters.require("agent_id"), projectID: grant.project.id)
        return Response(status: .ok)
    }

    @Sendable func addPath(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let agentID = try context.parameters.require("agent_id")
        let (paths, excludes) = try await WireJSON.decode(AgentAddPathBody.self, from: request).request()
        let (added, existed) = try await store.addAgentPaths(
            id: agentID, projectID: grant.project.id, paths: paths, excludes: excludes, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(AgentAddPathResponseBody(added: added, existed: existed))
    }

    @Sendable func removePath(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let agentID = try context.parameters.require("agent_id")
        let body = try await WireJSON.decode(AgentRemovePathBody.self, from: request)
        let paths = try AgentPathText.validated(body.removePath, field: "remove_path")
        let (removed, missing) = try await store.removeAgentPaths(id: agentID, projectID: grant.project.id, paths: paths)
        return try WireJSON.response(AgentRemovePathResponseBody(removed: removed, notExisted: missing))
    }

    @Sendable func check(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let serverIDs = try await WireJSON.decode(AgentCheckBody.self, from: request).serverIDs()
        let checks = try await store.checkAgents(projectID: grant.project.id, serverIDs: serverIDs)
        let statuses = checks.map {
            AgentCheckResponseBody.Status(resourceId: $0.resourceID, installed: $0.installed, version: $0.version, isOld: false)
        }
        return try WireJSON.response(AgentCheckResponseBody(agentStatus: statuses))
    }
}
