import Foundation

/// The wire form of a policy (§2.5.1, A.2).
struct PolicyBody: Encodable, Sendable {
    struct Trigger: Encodable, Sendable {
        struct Properties: Encodable, Sendable {
            var pattern: [String]
            var startTime: String
            var startWindowMinutes: Int?
        }

        var id: String
        var name: String
        var type: String
        var properties: Properties
    }

    struct AssociatedVault: Encodable, Sendable {
        var vaultId: String
        var destinationVaultId: String?

        private enum CodingKeys: String, CodingKey { case vaultId, destinationVaultId }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(vaultId, forKey: .vaultId)
            try container.encode(destinationVaultId, forKey: .destinationVaultId)
        }
    }

    var id: String
    var name: String
    var enabled: Bool
    var operationType: String
    var operationDefinition: PolicyDefinition
    var trigger: Trigger
    /// `null` when the policy is bound to no vault (as in the create example).
    var associatedVaults: [AssociatedVault]?
    var policyType: String

    private enum CodingKeys: String, CodingKey {
        case id, name, enabled, operationType, operationDefinition, trigger, associatedVaults, policyType
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(operationType, forKey: .operationType)
        try container.encode(operationDefinition, forKey: .operationDefinition)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(associatedVaults, forKey: .associatedVaults)
        try container.encode(policyType, forKey: .policyType)
    }
}

extension PolicyBody {
    /// The wire form of a stored policy and its bindings.
    init(_ policy: PolicyRecord, bindings: [VaultPolicyRecord]) {
        self.init(
            id: policy.id,
            name: policy.name,
            enabled: policy.enabled,
            operationType: policy.operationType,
            operationDefinition: WireJSON.decodeText(PolicyDefinition.self, from: policy.operationDefinition)
                ?? PolicyDefinition(),
            trigger: Trigger(
                id: policy.triggerId,
                name: "default",
                type: "time",
                properties: .init(
                    pattern: WireJSON.decodeText([String].self, from: policy.pattern) ?? [],
                    startTime: String(WireTime.cbr(policy.startTime).prefix(19)).replacingOccurrences(of: "T", with: " "),
                    startWindowMinutes: policy.startWindowMinutes
                )
            ),
            associatedVaults: bindings.isEmpty
                ? nil
                : bindings.map { AssociatedVault(vaultId: $0.vaultId, destinationVaultId: $0.destinationVaultId) },
            policyType: "custom_policy"
        )
    }
}

/// `POST /policies` and `PUT /policies/{id}` bodies: every field optional here, required ones checked on create.
struct PolicyRequestBody: Decodable, Sendable {
    struct Policy: Decodable, Sendable {
        var name: String?
        var operationType: String?
        var operationDefinition: PolicyDefinition?
        var trigger: Trigger?
        var enabled: Bool?
    }

    struct Trigger: Decodable, Sendable {
        struct Properties: Decodable, Sendable {
            var pattern: [String]
            var startWindowMinutes: Int?
        }

        var properties: Properties

        /// Checks the RRULE patterns and `start_window_minutes` (60–480).
        /// - Throws: `BackupService.9900` naming the field.
        func validate() throws {
            try PolicyPattern.validate(properties.pattern)
            if let window = properties.startWindowMinutes, !(60...480).contains(window) {
                throw EmulatorError.invalidParameter("trigger.properties.start_window_minutes must be from 60 to 480.")
            }
        }
    }

    var policy: Policy

    /// Validates whatever is present.
    /// - Parameter creating: Whether `name`, `operation_type`, `operation_definition` and `trigger` are required.
    /// - Throws: `BackupService.9900` naming the field.
    func validate(creating: Bool) throws {
        let policy = policy
        if creating {
            for (field, present) in [
                ("name", policy.name != nil), ("operation_type", policy.operationType != nil),
                ("operation_definition", policy.operationDefinition != nil), ("trigger", policy.trigger != nil),
            ] where !present {
                throw EmulatorError.invalidParameter("Missing required field: policy.\(field).")
            }
        }
        if let name = policy.name { try WireText.name(name, field: "policy.name") }
        if let type = policy.operationType, type != "backup", type != "replication" {
            throw EmulatorError.invalidParameter("policy.operation_type must be backup or replication.")
        }
        try policy.operationDefinition?.validate()
        try policy.trigger?.validate()
    }
}

/// `{"policy": ...}` response envelope.
struct PolicyEnvelope: Encodable, Sendable {
    var policy: PolicyBody
}

/// `GET /policies` response.
struct PolicyListBody: Encodable, Sendable {
    var policies: [PolicyBody]
    var count: Int
}

/// `POST /vaults/{id}/associatepolicy` body: exactly one of `policy_id` and `add_policy_ids`.
struct AssociatePolicyBody: Decodable, Sendable {
    var policyId: String?
    var addPolicyIds: [String]?
    var destinationVaultId: String?

    /// The policy ids to bind.
    /// - Throws: `BackupService.9900` unless exactly one of the two fields is given, with non-empty ids.
    func policyIDs() throws -> [String] {
        switch (policyId, addPolicyIds) {
        case (let id?, nil) where !id.isEmpty: return [id]
        case (nil, let ids?) where !ids.isEmpty && ids.allSatisfy({ !$0.isEmpty }): return ids
        default: throw EmulatorError.invalidParameter("Give exactly one of policy_id and add_policy_ids.")
        }
    }
}

/// `POST /vaults/{id}/dissociatepolicy` body.
struct DissociatePolicyBody: Decodable, Sendable {
    var policyId: String
}

/// `{"associate_policy": ...}` response.
struct AssociatePolicyResponseBody: Encodable, Sendable {
    struct Binding: Encodable, Sendable {
        var vaultId: String
        var policyId: String
        var destinationVaultId: String?
    }

    var associatePolicy: Binding
}

/// `{"dissociate_policy": ...}` response.
struct DissociatePolicyResponseBody: Encodable, Sendable {
    struct Binding: Encodable, Sendable {
        var vaultId: String
        var policyId: String
    }

    var dissociatePolicy: Binding
}
