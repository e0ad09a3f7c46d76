import CSBSClient
import FoundationEssentials

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
        let page = VaultPage(
            vaults: Self.page(matches, call).map(Self.vaultModel), count: matches.count,
            limit: call.queryInt("limit") ?? 1000, offset: call.queryInt("offset") ?? 0
        )
        return Self.answer(page)
    }

    mutating func createVault(_ call: Call, now: String) -> HTTPResponse {
        guard let body = call.decode(CreateVaultBody.self)?.vault else { return Self.undecodable(call) }
        let vault = VaultState(
            id: nextID("vault"), name: body.name, size: body.billing.size, objectType: body.billing.objectType,
            resources: body.resources.map(Self.resource), created: true, tags: body.tags ?? []
        )
        vaults.append(vault)
        return Self.answer(VaultEnvelope(vault: Self.vaultModel(vault)))
    }

    mutating func showVault(_ id: String) -> HTTPResponse {
        if vaults.contains(where: { $0.id == id && $0.deleted }), liveVault(id) == nil {
            return Self.error(404, code: "BackupService.6105", message: "The vault does not exist.")
        }
        return Self.answer(VaultEnvelope(vault: Self.vaultModel(vaults[vaultAssumingExistence(id)])))
    }

    /// `GET vaults/summary`: the capacity (GB) of the vaults the script created and has not deleted; nothing is
    /// used, since a dry run stores no backup data.
    func vaultSummary() -> HTTPResponse {
        let size = vaults.filter { $0.created && !$0.deleted }.reduce(0) { $0 + ($1.size ?? 0) }
        return Self.answer(VaultSummary(sizeGB: size, usedGB: 0))
    }

    mutating func updateVault(_ call: Call) -> HTTPResponse {
        guard let update = call.decode(UpdateVaultBody.self)?.vault else { return Self.undecodable(call) }
        let index = vaultAssumingExistence(call.id(0))
        if let size = update.sizeGB { vaults[index].size = size }
        if let name = update.name { vaults[index].name = name }
        return Self.answer(VaultEnvelope(vault: Self.vaultModel(vaults[index])))
    }

    mutating func deleteVault(_ id: String) -> HTTPResponse {
        vaults[vaultAssumingExistence(id)].deleted = true
        return HTTPResponse(status: 204)
    }

    mutating func addResources(_ call: Call) -> HTTPResponse {
        guard let body = call.decode(AddResourcesBody.self) else { return Self.undecodable(call) }
        let index = vaultAssumingExistence(call.id(0))
        let added = body.resources.map(Self.resource)
        for resource in added where !vaults[index].resources.contains(where: { $0.id == resource.id }) {
            vaults[index].resources.append(resource)
        }
        return Self.answer(AddResourcesResponse(addResourceIDs: added.map(\.id)))
    }

    mutating func removeResources(_ call: Call) -> HTTPResponse {
        guard let ids = call.decode(RemoveResourcesBody.self)?.resourceIDs else { return Self.undecodable(call) }
        let index = vaultAssumingExistence(call.id(0))
        vaults[index].resources.removeAll { ids.contains($0.id) }
        return Self.answer(RemoveResourcesResponse(removeResourceIDs: ids))
    }

    mutating func bindPolicy(_ call: Call, bind: Bool) -> HTTPResponse {
        guard let policyID = call.decode(PolicyBindingBody.self)?.policyID else { return Self.undecodable(call) }
        let vaultID = call.id(0)
        if let index = policies.firstIndex(where: { $0.id == policyID && !$0.deleted }) {
            policies[index].vaultIDs.removeAll { $0 == vaultID }
            if bind { policies[index].vaultIDs.append(vaultID) }
        }
        let association = PolicyAssociation(vaultID: vaultID, policyID: policyID)
        return bind
            ? Self.answer(AssociatePolicyResponse(associatePolicy: association))
            : Self.answer(DissociatePolicyResponse(dissociatePolicy: association))
    }

    /// `POST vault/ID/tags`: adds (or replaces) one tag.
    mutating func tagVault(_ call: Call) -> HTTPResponse {
        guard let tag = call.decode(TagBody.self)?.tag else { return Self.undecodable(call) }
        let index = vaultAssumingExistence(call.id(0))
        vaults[index].tags.removeAll { $0.key == tag.key }
        vaults[index].tags.append(tag)
        return HTTPResponse(status: 204)
    }

    /// A resource of a request body.
    static func resource(_ reference: ResourceReference) -> Resource {
        Resource(id: reference.id, type: reference.type, name: reference.name)
    }

    /// A vault as the service shows it; sizes the dry run cannot know are left out, and a tag without a value
    /// shows an empty one.
    static func vaultModel(_ vault: VaultState) -> Vault {
        let billing = Billing(
            size: vault.size, status: "available", objectType: vault.objectType, protectType: "backup",
            consistentLevel: "crash_consistent", cloudType: "public"
        )
        var model = Vault(
            id: vault.id, name: vault.name, billing: billing,
            resources: vault.resources.map { resource in
                VaultResource(id: resource.id, name: resource.name, type: resource.type, protectStatus: "available")
            }
        )
        model.projectID = "{project_id}"
        model.tags = vault.tags.map { Tag(key: $0.key, value: $0.value ?? "") }
        return model
    }
}
