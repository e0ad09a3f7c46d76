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

/// The body of a `policy` answer (create, show, update): `{"policy": …}`.
public struct PolicyEnvelope: Codable, Sendable, Hashable {
    public var policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }
}

/// The answer to `GET /v3/{project_id}/policies`.
public struct PolicyList: Codable, Sendable, Hashable {
    public var policies: [Policy]
    public var count: LenientInt?

    public init(policies: [Policy], count: Int? = nil) {
        self.policies = policies
        self.count = count.map { LenientInt($0) }
    }
}

/// The body of `POST /v3/{project_id}/policies` (`PolicyCreate` on the wire).
public struct PolicyBody: Codable, Sendable, Hashable {
    public var policy: Create

    public init(policy: Create) {
        self.policy = policy
    }

    /// The new policy: its name, kind, retention and schedule.
    public struct Create: Codable, Sendable, Hashable {
        public var name: String
        public var operationType: String
        public var operationDefinition: PolicyOperationDefinition
        public var trigger: PolicyTrigger
        public var enabled: Bool?

        enum CodingKeys: String, CodingKey {
            case name, trigger, enabled
            case operationType = "operation_type"
            case operationDefinition = "operation_definition"
        }

        public init(
            name: String, operationType: String, operationDefinition: PolicyOperationDefinition,
            trigger: PolicyTrigger, enabled: Bool? = nil
        ) {
            self.name = name
            self.operationType = operationType
            self.operationDefinition = operationDefinition
            self.trigger = trigger
            self.enabled = enabled
        }
    }
}

/// The body of `PUT /v3/{project_id}/policies/{policy_id}` (`PolicyUpdate` on the wire).
public struct PolicyUpdateBody: Codable, Sendable, Hashable {
    public var policy: Update

    public init(policy: Update) {
        self.policy = policy
    }

    /// The changes; `nil` fields are left out and left as they are.
    public struct Update: Codable, Sendable, Hashable {
        public var name: String?
        public var enabled: Bool?
        public var operationDefinition: PolicyOperationDefinition?
        public var trigger: PolicyTrigger?

        enum CodingKeys: String, CodingKey {
            case name, trigger, enabled
            case operationDefinition = "operation_definition"
        }

        public init(
            name: String? = nil, enabled: Bool? = nil, operationDefinition: PolicyOperationDefinition? = nil,
            trigger: PolicyTrigger? = nil
        ) {
            self.name = name
            self.enabled = enabled
            self.operationDefinition = operationDefinition
            self.trigger = trigger
        }
    }
}
