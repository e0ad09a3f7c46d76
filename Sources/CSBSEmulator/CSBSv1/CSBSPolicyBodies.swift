import Foundation

/// A CSBS v1 backup policy as stored and answered (`{"policy": …}`): Karbor's plan with Huawei's scheduled
/// operations. Stored whole as JSON text in `csbsPolicy.document`.
struct CSBSPolicyBody: Codable, Sendable, Equatable {
    struct Parameters: Codable, Sendable, Equatable {
        /// Always `{}`: the common parameters are not emulated.
        var common: [String: String] = [:]
    }

    struct Resource: Codable, Sendable, Equatable {
        var id: String
        var type: String
        var name: String
    }

    struct ScheduledOperation: Codable, Sendable, Equatable {
        var id: String
        var name: String
        var description: String
        var enabled: Bool
        var operationType: String
        var triggerId: String
        var trigger: Trigger
        var operationDefinition: OperationDefinition
    }

    struct Trigger: Codable, Sendable, Equatable {
        struct Properties: Codable, Sendable, Equatable {
            var pattern: String
            /// `YYYY-MM-DD hh:mm:ss` (the policy's creation, as in Huawei's examples).
            var startTime: String
        }

        var id: String
        var name: String
        var type: String
        var properties: Properties
    }

    struct OperationDefinition: Codable, Sendable, Equatable {
        var maxBackups: Int?
        var retentionDurationDays: Int?
        var permanent: Bool?
        var planId: String
        var providerId: String
    }

    var id: String
    var name: String
    var description: String
    /// `suspended`: the emulator never runs a CSBS policy (**inferred**, the value of Huawei's examples).
    var status: String
    var providerId: String
    var parameters: Parameters
    var scheduledOperations: [ScheduledOperation]
    var resources: [Resource]
    var tags: [CSBSTag]
    var createdAt: String
    var projectId: String
}

/// `{"policy": …}` answer.
struct CSBSPolicyEnvelope: Encodable, Sendable {
    var policy: CSBSPolicyBody
}

/// `GET /v1/{project_id}/policies` answer.
struct CSBSPolicyListBody: Encodable, Sendable {
    var policies: [CSBSPolicyBody]
}

/// `POST /v1/{project_id}/policies` and `PUT …/policies/{policy_id}` bodies (`{"policy": …}`): every field optional
/// here; ``CSBSPolicyRequest`` says which a create needs.
struct CSBSPolicyRequestBody: Decodable, Sendable {
    struct Policy: Decodable, Sendable {
        var name: String?
        var description: String?
        var providerId: String?
        var parameters: Parameters?
        var scheduledOperations: [ScheduledOperation]?
        var resources: [CSBSPolicyBody.Resource]?
        var tags: [CSBSTag]?
    }

    /// Any object: its content is not emulated.
    struct Parameters: Decodable, Sendable {}

    struct ScheduledOperation: Decodable, Sendable {
        var id: String?
        var name: String?
        var description: String?
        var enabled: Bool?
        var operationType: String?
        var operationDefinition: Definition?
        var trigger: Trigger?
    }

    struct Definition: Decodable, Sendable {
        var maxBackups: Int?
        var retentionDurationDays: Int?
        var permanent: Bool?
    }

    struct Trigger: Decodable, Sendable {
        struct Properties: Decodable, Sendable {
            var pattern: String
        }

        var properties: Properties
    }

    var policy: Policy
}

/// The checked fields of a policy create or update; `nil` leaves a field as it is (an update).
struct CSBSPolicyRequest: Sendable {
    /// A scheduled operation to store: `id` names the one an update changes (`nil`: a new one).
    struct Operation: Sendable {
        var id: String?
        var name: String?
        var description: String?
        var enabled: Bool?
        var definition: CSBSPolicyRequestBody.Definition?
        var pattern: String?
    }

    var name: String?
    var description: String?
    var operations: [Operation]?
    var resources: [CSBSPolicyBody.Resource]?
    var tags: [CSBSTag]?

    /// Checks a create (`name`, `provider_id`, `parameters`, `scheduled_operations` and `resources` required) or an
    /// update (any of `name`, `description`, `parameters`, `scheduled_operations`, `resources`).
    /// - Throws: `CSBS.9001` naming the first field that fails.
    init(_ body: CSBSPolicyRequestBody.Policy, creating: Bool) throws {
        if creating {
            guard body.name != nil, body.parameters != nil, body.scheduledOperations != nil, body.resources != nil
            else {
                throw EmulatorError.csbsInvalid("name, parameters, scheduled_operations and resources are required.")
            }
            guard body.providerId == CSBSController.providerID else { throw EmulatorError.csbsInvalid("provider invalid") }
        } else if body.providerId != nil || body.tags != nil {
            throw EmulatorError.csbsInvalid("provider_id and tags cannot be updated.")
        }
        name = try body.name.map { try CSBSText.name($0, field: "name") }
        description = try body.description.map {
            try WireText.description($0, field: "description", forbidden: ["<", ">"], invalid: EmulatorError.csbsInvalid)
        }
        if let operations = body.scheduledOperations {
            guard !operations.isEmpty else { throw EmulatorError.csbsInvalid("scheduled_operations must not be empty.") }
            self.operations = try operations.enumerated().map { index, operation in
                try Self.operation(operation, field: "scheduled_operations[\(index)]", creating: creating)
            }
        }
        if let resources = body.resources {
            guard (1...64).contains(resources.count) else {
                throw EmulatorError.csbsInvalid("resources must hold 1 to 64 servers.")
            }
            guard Set(resources.map(\.id)).count == resources.count else {
                throw EmulatorError.csbsInvalid("resources names a server twice.")
            }
            for resource in resources where resource.type != CSBSProtectRequest.serverType {
                throw EmulatorError.csbsUnsupportedType(resource.id, resource.type)
            }
            self.resources = resources
        }
        if let tags = body.tags { self.tags = try CSBSText.tags(tags) }
    }

    private static func operation(
        _ operation: CSBSPolicyRequestBody.ScheduledOperation, field: String, creating: Bool
    ) throws -> Operation {
        if creating {
            guard operation.id == nil, operation.enabled != nil, operation.operationType != nil,
                operation.operationDefinition != nil, operation.trigger != nil
            else {
                throw EmulatorError.csbsInvalid(
                    "\(field) needs enabled, operation_type, operation_definition and trigger (and no id)."
                )
            }
        } else if operation.id == nil {
            throw EmulatorError.csbsInvalid("\(field).id names the scheduled operation to change.")
        }
        if let type = operation.operationType, type != "backup" {
            throw EmulatorError.csbsInvalid("\(field).operation_type must be backup.")
        }
        let name = try operation.name.map { try CSBSText.name($0, field: "\(field).name") }
        let description = try operation.description.map {
            try WireText.description(
                $0, field: "\(field).description", forbidden: ["<", ">"], invalid: EmulatorError.csbsInvalid
            )
        }
        if let definition = operation.operationDefinition {
            for (key, value) in [("max_backups", definition.maxBackups), ("retention_duration_days", definition.retentionDurationDays)]
            where value.map({ $0 != -1 && !(1...99_999).contains($0) }) ?? false {
                throw EmulatorError.csbsInvalid("\(field).operation_definition.\(key) must be -1 or 1 to 99999.")
            }
        }
        let pattern = try operation.trigger.map { try Self.pattern($0.properties.pattern, field: "\(field).trigger") }
        return Operation(
            id: operation.id, name: name, description: description, enabled: operation.enabled,
            definition: operation.operationDefinition, pattern: pattern
        )
    }

    /// An iCalendar trigger (`BEGIN:VCALENDAR … RRULE:FREQ=… END:VCALENDAR`) whose RRULE lines follow CBR's rule
    /// subset (``PolicyPattern``); the pattern as given.
    private static func pattern(_ text: String, field: String) throws -> String {
        let lines = text.components(separatedBy: "\r\n").flatMap { $0.components(separatedBy: "\n") }
        let rules = lines.filter { $0.hasPrefix("RRULE:") }.map { String($0.dropFirst("RRULE:".count)) }
        guard text.utf8.count <= 10_240, lines.first == "BEGIN:VCALENDAR", lines.contains("END:VCALENDAR"),
            !rules.isEmpty
        else {
            throw EmulatorError.csbsInvalid("\(field).properties.pattern must be an iCalendar text with RRULE lines.")
        }
        do {
            try PolicyPattern.validate(rules)
        } catch let error as EmulatorError {
            throw EmulatorError.csbsInvalid("\(field).properties.pattern: \(error.message)")
        }
        return text
    }
}

/// The text rules of CSBS v1 fields.
enum CSBSText {
    /// A backup or policy name: 1 to 255 ASCII letters, digits, `_` and `-`.
    /// - Throws: `CSBS.9001` naming `field`.
    static func name(_ name: String, field: String) throws -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-"))
        guard (1...255).contains(name.count), name.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII })
        else { throw EmulatorError.csbsInvalid("\(field) must be 1 to 255 letters, digits, underscores or hyphens.") }
        return name
    }

    /// A tag list given: 1 to 10 tags, keys of 1 to 36 characters, values of at most 43.
    /// - Throws: `CSBS.9001`.
    static func tags(_ tags: [CSBSTag]) throws -> [CSBSTag] {
        guard (1...10).contains(tags.count) else { throw EmulatorError.csbsInvalid("tags must hold 1 to 10 tags when present.") }
        for tag in tags where !(1...36).contains(tag.key.count) || tag.value.count > 43 {
            throw EmulatorError.csbsInvalid("A tag key must be 1 to 36 characters and a value at most 43.")
        }
        return tags
    }
}
