import Hummingbird

/// CSBS v1 backup policies (`/v1/{project_id}/policies…`): created, listed, shown, updated and deleted, stored but
/// never run (`status: suspended`). Errors in CSBS's body (`CSBS.9001` for a parameter, `CSBS.3000` for an unknown
/// policy).
struct CSBSPolicyController: APIController {
    static let service = APIService.csbs
    static let routes: [APIRoute<Self>] = [
        .post("policies", operation: "csbs_create_policy", use: Self.create),
        .get("policies", operation: "csbs_list_policies", use: Self.list),
        .get("policies/:policy_id", operation: "csbs_show_policy", use: Self.show),
        .put("policies/:policy_id", operation: "csbs_update_policy", use: Self.update),
        .delete("policies/:policy_id", operation: "csbs_delete_policy", use: Self.delete),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(CSBSPolicyRequestBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        let policy = try await store.createCSBSPolicy(
            CSBSPolicyRequest(body.policy, creating: true), projectID: grant.project.id, at: progress.now(),
            identifiers: context.identifiers
        )
        return try WireJSON.response(CSBSPolicyEnvelope(policy: policy))
    }

    /// `GET /policies`: `name` (exact), `limit` (1–1000), `offset`, `marker` (a policy id); oldest first.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = request.uri.queryParameters
        var policies = try await store.csbsPolicies(projectID: grant.project.id, name: query.get("name"))
        if let marker = query.get("marker") {
            guard let index = policies.firstIndex(where: { $0.id == marker }) else {
                throw EmulatorError.csbsInvalid("marker \(marker) is not a policy of this listing.")
            }
            policies.removeFirst(index + 1)
        }
        let offset = try Self.number(query.get("offset"), name: "offset", range: 0...Int.max) ?? 0
        let limit = try Self.number(query.get("limit"), name: "limit", range: 1...1000) ?? 1000
        return try WireJSON.response(CSBSPolicyListBody(policies: Array(policies.dropFirst(offset).prefix(limit))))
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let policy = try await store.csbsPolicy(id: context.parameters.require("policy_id"), projectID: grant.project.id)
        return try WireJSON.response(CSBSPolicyEnvelope(policy: policy))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("policy_id")
        let body = try await WireJSON.decode(CSBSPolicyRequestBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        let policy = try await store.updateCSBSPolicy(
            CSBSPolicyRequest(body.policy, creating: false), id: id, projectID: grant.project.id
        )
        return try WireJSON.response(CSBSPolicyEnvelope(policy: policy))
    }

    /// `DELETE /policies/{policy_id}`: 200 with `{}`, as CSBS answers a deletion.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        try await store.deleteCSBSPolicy(id: context.parameters.require("policy_id"), projectID: grant.project.id)
        return WireJSON.response(json: Array("{}".utf8))
    }

    private static func number(_ text: String?, name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw EmulatorError.csbsInvalid("\(name) must be a whole number from \(range.lowerBound).")
        }
        return value
    }
}
