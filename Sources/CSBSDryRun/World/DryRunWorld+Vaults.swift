import CSBSClient
import Foundation

/// Vaults, their resources and their policy bindings.
extension DryRunWorld {
    /// The index of the vault with this id that has not been deleted.
    func liveVault(_ id: String) -> Int? {
        vaults.firstIndex { $0.id == id && !$0.deleted }
    }

    /// The vault with this id, assumed to exist (named by its id) when the script never mentioned it.
    mutating func vaultAssumingExistence(_ id: String) -> Int {
        if let index = liveVault(id) { return index }
        vaults.append(VaultState(id: id, name: id, size: nil, objectType: "server", resources: [], created: false))
        return vaults.count - 1
    }

    /// `GET vaults[?name=…]`: by name, the known vault (or, unless converging, one assumed to exist); without a
    /// name, the vaults the script created.
    mutating func listVaults(_ call: Call, converging: Bool) -> HTTPResponse {
        var matches: [VaultState]
        if let name = call.query("name") {
            matches = vaults.filter { !$0.deleted && $0.name == name }
            if matches.isEmpty, !converging {
                let id = Self.derivedID("vault", name)
                vaults.removeAll { $0.id == id }
                let assumed = VaultState(id: id, name: name, size: nil, objectType: "server", resources: [], created: false)
                vaults.append(assumed)
                matches = [assumed]
            }
        } else {
            matches = vaults.filter { !$0.deleted && $0.created }
        }
        return Self.json([
            "vaults": Self.page(matches, call).map(Self.vaultJSON), "count": matches.count,
            "limit": call.queryInt("limit") ?? 1000, "offset": call.queryInt("offset") ?? 0,
        ])
    }

    mutating func createVault(_ call: Call, now: String) -> HTTPResponse {
        let body = call.body["vault"] as? [String: Any] ?? [:]
        let billing = body["billing"] as? [String: Any] ?? [:]
        let resources = (body["resources"] as? [[String: Any]] ?? []).compactMap(Self.resource)
        let vault = VaultState(
            id: nextID("vault"), name: body["name"] as? String ?? "", size: billing["size"] as? Int,
            objectType: billing["object_type"] as? String ?? "server", resources: resources, created: true,
            tags: (body["tags"] as? [[String: Any]] ?? []).compactMap(Self.tag)
        )
        vaults.append(vault)
        return Self.json(["vault": Self.vaultJSON(vault)])
    }

    mutating func showVault(_ id: String) -> HTTPResponse {
        if vaults.contains(where: { $0.id == id && $0.deleted }), liveVault(id) == nil {
            return Self.error(404, code: "BackupService.6105", message: "The vault does not exist.")
        }
        return Self.json(["vault": Self.vaultJSON(vaults[vaultAssumingExistence(id)])])
    }

    /// `GET vaults/summary`: the capacity (GB) of the vaults the script created and has not deleted; nothing is
    /// used, since a dry run stores no backup data.
    func vaultSummary() -> HTTPResponse {
        let size = vaults.filter { $0.created && !$0.deleted }.reduce(0) { $0 + ($1.size ?? 0) }
        return Self.json(["size": size, "used_size": 0])
    }

    mutating func updateVault(_ call: Call) -> HTTPResponse {
        let index = vaultAssumingExistence(call.id(0))
        let body = call.body["vault"] as? [String: Any] ?? [:]
        if let size = (body["billing"] as? [String: Any])?["size"] as? Int { vaults[index].size = size }
        if let name = body["name"] as? String { vaults[index].name = name }
        return Self.json(["vault": Self.vaultJSON(vaults[index])])
    }

    mutating func deleteVault(_ id: String) -> HTTPResponse {
        vaults[vaultAssumingExistence(id)].deleted = true
        return HTTPResponse(status: 204)
    }

    mutating func addResources(_ call: Call) -> HTTPResponse {
        let index = vaultAssumingExistence(call.id(0))
        let added = (call.body["resources"] as? [[String: Any]] ?? []).compactMap(Self.resource)
        for resource in added where !vaults[index].resources.contains(where: { $0.id == resource.id }) {
            vaults[index].resources.append(resource)
        }
        return Self.json(["add_resource_ids": added.map(\.id)])
    }

    mutating func removeResources(_ call: Call) -> HTTPResponse {
        let index = vaultAssumingExistence(call.id(0))
        let ids = call.body["resource_ids"] as? [String] ?? []
        vaults[index].resources.removeAll { ids.contains($0.id) }
        return Self.json(["remove_resource_ids": ids])
    }

    mutating func bindPolicy(_ call: Call, bind: Bool) -> HTTPResponse {
        let vaultID = call.id(0)
        let policyID = call.body["policy_id"] as? String ?? ""
        if let index = policies.firstIndex(where: { $0.id == policyID && !$0.deleted }) {
            policies[index].vaultIDs.removeAll { $0 == vaultID }
            if bind { policies[index].vaultIDs.append(vaultID) }
        }
        let key = bind ? "associate_policy" : "dissociate_policy"
        return Self.json([key: ["vault_id": vaultID, "policy_id": policyID]])
    }

    /// `POST vault/ID/tags`: adds (or replaces) one tag.
    mutating func tagVault(_ call: Call) -> HTTPResponse {
        let index = vaultAssumingExistence(call.id(0))
        if let tag = (call.body["tag"] as? [String: Any]).flatMap(Self.tag) {
            vaults[index].tags.removeAll { $0.key == tag.key }
            vaults[index].tags.append(tag)
        }
        return HTTPResponse(status: 204)
    }

    /// A tag of a request body (`{"key", "value"}`).
    static func tag(_ object: [String: Any]) -> Tag? {
        guard let key = object["key"] as? String else { return nil }
        return Tag(key: key, value: object["value"] as? String)
    }

    /// A resource of a request body (`{"id", "type", "name"}`).
    static func resource(_ object: [String: Any]) -> Resource? {
        guard let id = object["id"] as? String else { return nil }
        return Resource(id: id, type: object["type"] as? String ?? "OS::Nova::Server", name: object["name"] as? String)
    }

    /// A vault as the service shows it; sizes the dry run cannot know are left out.
    static func vaultJSON(_ vault: VaultState) -> [String: Any] {
        var billing: [String: Any] = [
            "status": "available", "object_type": vault.objectType, "protect_type": "backup",
            "consistent_level": "crash_consistent", "cloud_type": "public",
        ]
        if let size = vault.size { billing["size"] = size }
        return [
            "tags": vault.tags.map { tag -> [String: Any] in ["key": tag.key, "value": tag.value ?? ""] },
            "id": vault.id, "name": vault.name, "project_id": "{project_id}", "billing": billing,
            "resources": vault.resources.map { resource -> [String: Any] in
                var object: [String: Any] = ["id": resource.id, "type": resource.type, "protect_status": "available"]
                if let name = resource.name { object["name"] = name }
                return object
            },
        ]
    }
}
