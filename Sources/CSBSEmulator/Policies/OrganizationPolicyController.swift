import Hummingbird

/// Organization policies (`/v3/{project_id}/organization-policies…`): policy templates an account keeps for its
/// organization. The emulator has no Organizations: a policy belongs to the caller's account, is seen from each of
/// its projects, and is stored without being deployed as a policy anywhere.
struct OrganizationPolicyController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("organization-policies", operation: "create_organization_policy", use: Self.create),
        .get("organization-policies", operation: "list_organization_policies", use: Self.list),
        .get("organization-policies/:organization_policy_id", operation: "show_organization_policy", use: Self.show),
        .put("organization-policies/:organization_policy_id", operation: "update_organization_policy", use: Self.update),
        .delete(
            "organization-policies/:organization_policy_id", operation: "delete_organization_policy", use: Self.delete
        ),
        .get(
            "organization-policies/:organization_policy_id/policy-detail", operation: "list_organization_policy_detail",
            use: Self.detail
        ),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(OrganizationPolicyRequestBody.self, from: request)
        try body.validate(creating: true)
        let fields = body.policy
        let now = progress.now()
        let record = OrganizationPolicyRecord(
            id: context.identifiers.uuid(), domainId: grant.project.domainId, name: fields.name ?? "",
            description: fields.description, operationType: fields.operationType ?? "backup",
            policyName: fields.policyName ?? "", policyEnabled: fields.policyEnabled ?? true,
            operationDefinition: WireJSON.encodeText(fields.policyOperationDefinition ?? PolicyDefinition()),
            pattern: WireJSON.encodeText(fields.policyTrigger?.properties.pattern ?? []),
            startWindowMinutes: fields.policyTrigger?.properties.startWindowMinutes,
            effectiveScope: fields.effectiveScope, createdAt: now, updatedAt: now
        )
        let details = try await store.createOrganizationPolicy(record)
        return try WireJSON.response(OrganizationPolicyEnvelope(policy: OrganizationPolicyBody(details)))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = request.uri.queryParameters
        let type = query.get("operation_type")
        if let type, type != "backup", type != "replication" {
            throw EmulatorError.invalidParameter("operation_type must be backup or replication.")
        }
        let limit = try query.integer("limit", in: 1...1000, default: 1000)
        let offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        let (total, page) = try await store.organizationPolicies(
            domainID: grant.project.domainId, operationType: type, limit: limit, offset: offset
        )
        return try WireJSON.response(
            OrganizationPolicyListBody(
                policies: page.map(OrganizationPolicyBody.init), count: total, limit: limit, offset: offset
            )
        )
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("organization_policy_id")
        let details = try await store.organizationPolicy(id: id, domainID: grant.project.domainId)
        return try WireJSON.response(OrganizationPolicyEnvelope(policy: OrganizationPolicyBody(details)))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("organization_policy_id")
        let body = try await WireJSON.decode(OrganizationPolicyRequestBody.self, from: request)
        try body.validate(creating: false)
        let fields = body.policy
        let details = try await store.updateOrganizationPolicy(id: id, domainID: grant.project.domainId, at: progress.now()) {
            policy in
            if let name = fields.name { policy.name = name }
            if let description = fields.description { policy.description = description }
            if let name = fields.policyName { policy.policyName = name }
            if let enabled = fields.policyEnabled { policy.policyEnabled = enabled }
            if let definition = fields.policyOperationDefinition {
                policy.operationDefinition = WireJSON.encodeText(definition)
            }
            if let trigger = fields.policyTrigger {
                policy.pattern = WireJSON.encodeText(trigger.properties.pattern)
                policy.startWindowMinutes = trigger.properties.startWindowMinutes
            }
            if let scope = fields.effectiveScope { policy.effectiveScope = scope }
        }
        return try WireJSON.response(OrganizationPolicyEnvelope(policy: OrganizationPolicyBody(details)))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("organization_policy_id")
        try await store.deleteOrganizationPolicy(id: id, domainID: grant.project.domainId)
        return Response(status: .noContent)
    }

    /// Where the policy applies: one `available` entry per project of the caller's account (not paged: `limit` and
    /// `offset` echo the whole list).
    @Sendable func detail(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("organization_policy_id")
        let deployments = try await store.organizationPolicyDeployments(id: id, domainID: grant.project.domainId)
        let statuses = deployments.map {
            OrganizationPolicyDetailBody.Status(
                policyId: $0.policyID, domainId: $0.domainID, projectId: $0.projectID, status: "available"
            )
        }
        return try WireJSON.response(
            OrganizationPolicyDetailBody(policies: statuses, count: statuses.count, limit: statuses.count, offset: 0)
        )
    }
}
