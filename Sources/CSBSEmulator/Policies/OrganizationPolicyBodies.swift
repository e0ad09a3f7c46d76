/// `POST /organization-policies` and `PUT /organization-policies/{id}` bodies (SDK `OrganizationPolicyCreate`,
/// `OrganizationPolicyUpdate`): every field optional here, the required ones checked on create.
struct OrganizationPolicyRequestBody: Decodable, Sendable {
    struct Policy: Decodable, Sendable {
        var name: String?
        var description: String?
        var operationType: String?
        var policyName: String?
        var policyEnabled: Bool?
        var policyOperationDefinition: PolicyDefinition?
        var policyTrigger: PolicyRequestBody.Trigger?
        var effectiveScope: String?
    }

    var policy: Policy

    /// Validates whatever is present, with the rules of a policy for the policy fields.
    /// - Parameter creating: Whether `name`, `operation_type`, `policy_name`, `policy_enabled`,
    ///   `policy_operation_definition` and `policy_trigger` are required; an update cannot change `operation_type`.
    /// - Throws: `BackupService.9900` naming the field.
    func validate(creating: Bool) throws {
        let policy = policy
        if creating {
            for (field, present) in [
                ("name", policy.name != nil), ("operation_type", policy.operationType != nil),
                ("policy_name", policy.policyName != nil), ("policy_enabled", policy.policyEnabled != nil),
                ("policy_operation_definition", policy.policyOperationDefinition != nil),
                ("policy_trigger", policy.policyTrigger != nil),
            ] where !present {
                throw EmulatorError.invalidParameter("Missing required field: policy.\(field).")
            }
        } else if policy.operationType != nil {
            throw EmulatorError.invalidParameter("policy.operation_type cannot be changed.")
        }
        if let name = policy.name { try WireText.name(name, field: "policy.name") }
        if let description = policy.description { try WireText.description(description, field: "policy.description") }
        if let type = policy.operationType, type != "backup", type != "replication" {
            throw EmulatorError.invalidParameter("policy.operation_type must be backup or replication.")
        }
        if let name = policy.policyName { try WireText.name(name, field: "policy.policy_name") }
        try policy.policyOperationDefinition?.validate()
        try policy.policyTrigger?.validate()
        if let scope = policy.effectiveScope { try WireText.description(scope, field: "policy.effective_scope") }
    }
}

/// An organization policy as the SDK's `OrganizationPolicy` model reads it.
struct OrganizationPolicyBody: Encodable, Sendable {
    struct Trigger: Encodable, Sendable {
        struct Properties: Encodable, Sendable {
            var pattern: [String]
            var startWindowMinutes: Int?
        }

        var properties: Properties
    }

    var id: String
    var name: String
    var description: String?
    var operationType: String
    var domainId: String
    var domainName: String
    var policyName: String
    var policyEnabled: Bool
    var policyOperationDefinition: PolicyDefinition
    var policyTrigger: Trigger
    /// Always `available` (**inferred**: the emulator deploys nothing that could fail).
    var status: String
    var effectiveScope: String?

    init(_ details: OrganizationPolicyDetails) {
        let policy = details.policy
        id = policy.id
        name = policy.name
        description = policy.description
        operationType = policy.operationType
        domainId = policy.domainId
        domainName = details.domainName
        policyName = policy.policyName
        policyEnabled = policy.policyEnabled
        policyOperationDefinition =
            WireJSON.decodeText(PolicyDefinition.self, from: policy.operationDefinition) ?? PolicyDefinition()
        policyTrigger = Trigger(
            properties: .init(
                pattern: WireJSON.decodeText([String].self, from: policy.pattern) ?? [],
                startWindowMinutes: policy.startWindowMinutes
            )
        )
        status = "available"
        effectiveScope = policy.effectiveScope
    }
}

/// `{"policy": …}`.
struct OrganizationPolicyEnvelope: Encodable, Sendable {
    var policy: OrganizationPolicyBody
}

/// `GET /organization-policies`.
struct OrganizationPolicyListBody: Encodable, Sendable {
    var policies: [OrganizationPolicyBody]
    var count: Int
    var limit: Int
    var offset: Int
}

/// `GET /organization-policies/{id}/policy-detail` (SDK `OrganizationPolicyStatus` entries).
struct OrganizationPolicyDetailBody: Encodable, Sendable {
    struct Status: Encodable, Sendable {
        var policyId: String
        var domainId: String
        var projectId: String
        /// Always `available` (**inferred**).
        var status: String
    }

    var policies: [Status]
    var count: Int
    var limit: Int
    var offset: Int
}
