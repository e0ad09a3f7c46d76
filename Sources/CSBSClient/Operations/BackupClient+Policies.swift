extension BackupClient {
    /// `POST /v3/{project_id}/policies`: a new backup or replication policy.
    ///
    /// Policy names need not be unique and policies carry no creation time, so the client first notes the ids of
    /// the policies already named so; after a lost answer, one new policy of that name is the created one (found →
    /// returned), none means nothing was created (re-sent), and more than one is ``ClientError/Kind/ambiguousOutcome``.
    public func createPolicy(_ parameters: PolicyParameters) async throws -> Policy {
        let body = PolicyBody(
            policy: .init(
                name: parameters.name, operationType: parameters.operationType,
                operationDefinition: parameters.operationDefinition,
                trigger: PolicyTrigger(pattern: parameters.pattern), enabled: parameters.enabled
            )
        )
        let name = parameters.name
        let operationType = parameters.operationType
        let existing = Set(try await listPolicies(operationType: operationType).filter { $0.name == name }.map(\.id))
        let reconciler = Reconciler<PolicyEnvelope>(what: "a policy named \"\(name)\"") { _ in
            let created = try await listPolicies(operationType: operationType)
                .filter { $0.name == name && !existing.contains($0.id) }
            guard created.count <= 1 else {
                throw ClientError(
                    kind: .ambiguousOutcome, operation: "create policy",
                    message: "\(created.count) new policies are named \"\(name)\" (\(created.map(\.id).joined(separator: ", "))); "
                        + "check which to keep before repeating"
                )
            }
            return created.first.map(PolicyEnvelope.init(policy:))
        }
        let response: PolicyEnvelope = try await send(.createPolicy, body: body, reconciler: reconciler
        )
        return response.policy
    }

    /// `GET /v3/{project_id}/policies`, optionally only one operation type or the policies of one vault.
    /// - Parameter intent: what the caller expects to find (see ``LookupIntent``); a real service ignores it.
    public func listPolicies(
        operationType: String? = nil, vaultID: String? = nil, intent: LookupIntent = .plain
    ) async throws -> [Policy] {
        var query = QueryItems()
        query.add("operation_type", operationType)
        query.add("vault_id", vaultID)
        let response: PolicyList = try await send(.listPolicies, query: query.pairs, intent: intent)
        return response.policies
    }

    /// `GET /v3/{project_id}/policies/{policy_id}`.
    public func showPolicy(id: String) async throws -> Policy {
        let response: PolicyEnvelope = try await send(.showPolicy, id)
        return response.policy
    }

    /// `PUT /v3/{project_id}/policies/{policy_id}`.
    public func updatePolicy(id: String, _ update: PolicyUpdate) async throws -> Policy {
        let body = PolicyUpdateBody(
            policy: .init(
                name: update.name, enabled: update.enabled, operationDefinition: update.operationDefinition,
                trigger: update.pattern.map(PolicyTrigger.init(pattern:))
            )
        )
        let response: PolicyEnvelope = try await send(.updatePolicy, id, body: body)
        return response.policy
    }

    /// `DELETE /v3/{project_id}/policies/{policy_id}` (204).
    public func deletePolicy(id: String) async throws {
        try await sendExpectingNoContent(.deletePolicy, id)
    }
}

struct PolicyEnvelope: Decodable, Sendable {
    var policy: Policy
}

struct PolicyList: Decodable, Sendable {
    var policies: [Policy]
    var count: LenientInt?
}

struct PolicyBody: Encodable {
    var policy: Create

    struct Create: Encodable {
        var name: String
        var operationType: String
        var operationDefinition: PolicyOperationDefinition
        var trigger: PolicyTrigger
        var enabled: Bool?

        enum CodingKeys: String, CodingKey {
            case name, trigger, enabled
            case operationType = "operation_type"
            case operationDefinition = "operation_definition"
        }
    }
}

struct PolicyUpdateBody: Encodable {
    var policy: Update

    struct Update: Encodable {
        var name: String?
        var enabled: Bool?
        var operationDefinition: PolicyOperationDefinition?
        var trigger: PolicyTrigger?

        enum CodingKeys: String, CodingKey {
            case name, trigger, enabled
            case operationDefinition = "operation_definition"
        }
    }
}
