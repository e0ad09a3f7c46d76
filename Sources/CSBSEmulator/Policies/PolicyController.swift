import Hummingbird

/// CBR policies: CRUD (`/v3/{project_id}/policies…`) and binding to vaults
/// (`/vaults/{vault_id}/associatepolicy`, `/dissociatepolicy`).
struct PolicyController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("policies", operation: "create_policy", use: Self.create),
        .get("policies", operation: "list_policies", use: Self.list),
        .get("policies/:policy_id", operation: "show_policy", use: Self.show),
        .put("policies/:policy_id", operation: "update_policy", use: Self.update),
        .delete("policies/:policy_id", operation: "delete_policy", use: Self.delete),
        .post("vaults/:vault_id/associatepolicy", operation: "associate_vault_policy", use: Self.associate),
        .post("vaults/:vault_id/dissociatepolicy", operation: "disassociate_vault_policy", use: Self.dissociate),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(PolicyRequestBody.self, from: request)
        try body.validate(creating: true)
        let now = progress.now()
        let fields = body.policy
        let ids = context.identifiers
        let record = PolicyRecord(
            id: ids.uuid(), projectId: grant.project.id, name: fields.name ?? "",
            enabled: fields.enabled ?? true, operationType: fields.operationType ?? "backup",
            operationDefinition: WireJSON.encodeText(fields.operationDefinition ?? PolicyDefinition()),
            triggerId: ids.uuid(), pattern: WireJSON.encodeText(fields.trigger?.properties.pattern ?? []),
            startTime: now, startWindowMinutes: fields.trigger?.properties.startWindowMinutes, createdAt: now
        )
        let details = try await store.createPolicy(record)
        return try WireJSON.response(PolicyEnvelope(policy: PolicyBody(details.policy, bindings: details.bindings)))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = request.uri.queryParameters
        let type = query.get("operation_type")
        if let type, type != "backup", type != "replication" {
            throw EmulatorError.invalidParameter("operation_type must be backup or replication.")
        }
        let rows = try await store.policies(projectID: grant.project.id, operationType: type, vaultID: query.get("vault_id"))
        let body = PolicyListBody(policies: rows.map { PolicyBody($0.policy, bindings: $0.bindings) }, count: rows.count)
        return try WireJSON.response(body)
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("policy_id")
        guard let details = try await store.policyDetails(id: id, projectID: grant.project.id) else {
            throw EmulatorError.policyNotFound
        }
        return try WireJSON.response(PolicyEnvelope(policy: PolicyBody(details.policy, bindings: details.bindings)))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("policy_id")
        let body = try await WireJSON.decode(PolicyRequestBody.self, from: request)
        try body.validate(creating: false)
        let fields = body.policy
        guard fields.operationType == nil else {
            throw EmulatorError.invalidParameter("policy.operation_type cannot be changed.")
        }
        let definition = fields.operationDefinition.map { WireJSON.encodeText($0) }
        let pattern = fields.trigger.map { WireJSON.encodeText($0.properties.pattern) }
        let window = fields.trigger?.properties.startWindowMinutes
        let details = try await store.updatePolicy(
            id: id, projectID: grant.project.id, at: progress.now(), environment: environment(context)
        ) { policy in
            if let name = fields.name { policy.name = name }
            if let enabled = fields.enabled { policy.enabled = enabled }
            if let definition { policy.operationDefinition = definition }
            if let pattern {
                policy.pattern = pattern
                policy.startWindowMinutes = window
            }
        }
        return try WireJSON.response(PolicyEnvelope(policy: PolicyBody(details.policy, bindings: details.bindings)))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        try await store.deletePolicy(
            id: try context.parameters.require("policy_id"), projectID: grant.project.id, at: progress.now(),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    @Sendable func associate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(AssociatePolicyBody.self, from: request)
        let bound = try await store.associatePolicies(
            try body.policyIDs(), vaultID: vaultID, destinationVaultID: body.destinationVaultId,
            projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        guard let first = bound.first else { throw EmulatorError.internalError }
        let binding = AssociatePolicyResponseBody.Binding(
            vaultId: first.vaultId, policyId: first.policyId, destinationVaultId: first.destinationVaultId
        )
        return try WireJSON.response(AssociatePolicyResponseBody(associatePolicy: binding))
    }

    @Sendable func dissociate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(DissociatePolicyBody.self, from: request)
        try await store.dissociatePolicy(
            body.policyId, vaultID: vaultID, projectID: grant.project.id, at: progress.now(),
            environment: environment(context)
        )
        let binding = DissociatePolicyResponseBody.Binding(vaultId: vaultID, policyId: body.policyId)
        return try WireJSON.response(DissociatePolicyResponseBody(dissociatePolicy: binding))
    }
}
