import CSBSClient
import Foundation

/// Backup policies and protectable servers.
extension DryRunWorld {
    /// `GET policies`: the policies the script created or named, and with an expected name (`bind policy
    /// NAME`) one assumed to exist when none has that name.
    mutating func listPolicies(_ call: Call, expectedName: String?) -> HTTPResponse {
        if let name = expectedName, !policies.contains(where: { !$0.deleted && $0.name == name }) {
            let id = Self.derivedID("policy", name)
            policies.removeAll { $0.id == id }
            let definition = (try? JSONSerialization.data(withJSONObject: ["name": name, "operation_type": "backup"])) ?? Data()
            policies.append(PolicyState(id: id, definition: definition, name: name, operationType: "backup", created: false))
        }
        let type = call.query("operation_type")
        let matches = policies.filter { !$0.deleted }
            .filter { policy in type.map { policy.operationType == $0 } ?? true }
            .filter { policy in call.query("vault_id").map { policy.vaultIDs.contains($0) } ?? true }
        return Self.json(["policies": matches.map(Self.policyJSON), "count": matches.count])
    }

    mutating func createPolicy(_ call: Call) -> HTTPResponse {
        let object = call.body["policy"] as? [String: Any] ?? [:]
        let definition = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        let policy = PolicyState(
            id: nextID("policy"), definition: definition, name: object["name"] as? String ?? "",
            operationType: object["operation_type"] as? String ?? "backup", created: true
        )
        policies.append(policy)
        return Self.json(["policy": Self.policyJSON(policy)])
    }

    mutating func showPolicy(_ id: String) -> HTTPResponse {
        guard let index = livePolicy(id) else {
            return Self.error(404, code: "BackupService.6201", message: "The policy does not exist.")
        }
        return Self.json(["policy": Self.policyJSON(policies[index])])
    }

    mutating func updatePolicy(_ call: Call) -> HTTPResponse {
        guard let index = livePolicy(call.id(0)) else {
            return Self.error(404, code: "BackupService.6201", message: "The policy does not exist.")
        }
        var object = (try? JSONSerialization.jsonObject(with: policies[index].definition)) as? [String: Any] ?? [:]
        for (key, value) in call.body["policy"] as? [String: Any] ?? [:] { object[key] = value }
        policies[index].definition = (try? JSONSerialization.data(withJSONObject: object)) ?? policies[index].definition
        if let name = object["name"] as? String { policies[index].name = name }
        return Self.json(["policy": Self.policyJSON(policies[index])])
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
    static func policyJSON(_ policy: PolicyState) -> [String: Any] {
        var object = (try? JSONSerialization.jsonObject(with: policy.definition)) as? [String: Any] ?? [:]
        object["id"] = policy.id
        object["name"] = policy.name
        object["associated_vaults"] = policy.vaultIDs.map { ["vault_id": $0] }
        return object
    }

    /// `GET protectables/TYPE/instances/ID`: a server assumed to exist, with one disk.
    func showProtectable(type: String, id: String) -> HTTPResponse {
        let disk: [String: Any] = ["id": Self.derivedID("disk-1", id), "type": Self.diskType, "status": "in-use"]
        return Self.json([
            "instance": [
                "id": id, "type": type == "disk" ? Self.diskType : Self.serverType, "status": "ACTIVE",
                "children": type == "disk" ? [] : [disk],
            ] as [String: Any]
        ])
    }
}
