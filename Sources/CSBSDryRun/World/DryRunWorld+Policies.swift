import CSBSClient
import FoundationEssentials

/// Backup policies and protectable servers.
extension DryRunWorld {
    /// `GET policies`: the policies the script created or named, and with an expected name (`bind policy
    /// NAME`) one assumed to exist when none has that name.
    mutating func listPolicies(_ call: Call, expectedName: String?) -> HTTPResponse {
        if let name = expectedName, !policies.contains(where: { !$0.deleted && $0.name == name }) {
            let id = Self.derivedID("policy", name)
            policies.removeAll { $0.id == id }
            let definition = Policy(id: id, name: name, operationType: "backup")
            policies.append(PolicyState(id: id, definition: definition, name: name, operationType: "backup", created: false))
        }
        let type = call.query("operation_type")
        let matches = policies.filter { !$0.deleted }
            .filter { policy in type.map { policy.operationType == $0 } ?? true }
            .filter { policy in call.query("vault_id").map { policy.vaultIDs.contains($0) } ?? true }
        return Self.answer(PolicyList(policies: matches.map(Self.policyModel), count: matches.count))
    }

    mutating func createPolicy(_ call: Call) -> HTTPResponse {
        guard let body = call.decode(PolicyBody.self)?.policy else { return Self.undecodable(call) }
        let id = nextID("policy")
        let definition = Policy(
            id: id, name: body.name, enabled: body.enabled, operationType: body.operationType,
            operationDefinition: body.operationDefinition, trigger: body.trigger
        )
        let policy = PolicyState(
            id: id, definition: definition, name: body.name, operationType: body.operationType, created: true
        )
        policies.append(policy)
        return Self.answer(PolicyEnvelope(policy: Self.policyModel(policy)))
    }

    mutating func showPolicy(_ id: String) -> HTTPResponse {
        guard let index = livePolicy(id) else {
            return Self.error(404, code: "BackupService.6201", message: "The policy does not exist.")
        }
        return Self.answer(PolicyEnvelope(policy: Self.policyModel(policies[index])))
    }

    /// `PUT policies/ID`: each field the request names replaces the policy's.
    mutating func updatePolicy(_ call: Call) -> HTTPResponse {
        guard let index = livePolicy(call.id(0)) else {
            return Self.error(404, code: "BackupService.6201", message: "The policy does not exist.")
        }
        guard let change = call.decode(PolicyUpdateBody.self)?.policy else { return Self.undecodable(call) }
        if let name = change.name {
            policies[index].definition.name = name
            policies[index].name = name
        }
        if let enabled = change.enabled { policies[index].definition.enabled = enabled }
        if let definition = change.operationDefinition { policies[index].definition.operationDefinition = definition }
        if let trigger = change.trigger { policies[index].definition.trigger = trigger }
        return Self.answer(PolicyEnvelope(policy: Self.policyModel(policies[index])))
    }

    mutating func deletePolicy(_ id: String) -> HTTPResponse {
        if let index = livePolicy(id) { policies[index].deleted = true }
        return HTTPResponse(status: 204)
    }

    /// The index of the policy with this id that has not been deleted.
    func livePolicy(_ id: String) -> Int? {
        policies.firstIndex { $0.id == id && !$0.deleted }
    }

    /// A policy as the service shows it: what the request described, with its id and bound vaults.
    static func policyModel(_ policy: PolicyState) -> Policy {
        var model = policy.definition
        model.id = policy.id
        model.name = policy.name
        model.associatedVaults = policy.vaultIDs.map { PolicyAssociatedVault(vaultID: $0) }
        return model
    }

    /// `GET protectables/TYPE/instances/ID`: a server assumed to exist, with one disk.
    func showProtectable(type: String, id: String) -> HTTPResponse {
        let disk = Protectable(id: Self.derivedID("disk-1", id), type: Self.diskType, status: "in-use")
        let instance = Protectable(
            id: id, type: type == "disk" ? Self.diskType : Self.serverType, status: "ACTIVE",
            children: type == "disk" ? [] : [disk]
        )
        return Self.answer(ProtectableEnvelope(instance: instance))
    }
}
