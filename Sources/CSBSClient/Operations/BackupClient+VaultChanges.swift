extension BackupClient {
    /// `PUT /v3/{project_id}/vaults/{vault_id}`: renames, resizes or reconfigures a vault.
    public func updateVault(id: String, _ update: VaultUpdate) async throws -> Vault {
        let response: VaultEnvelope = try await send(.updateVault, id, body: UpdateVaultBody(vault: update))
        return response.vault
    }

    /// Resizes a vault to `sizeGB` (an ``updateVault(id:_:)`` of `billing.size`).
    public func resizeVault(id: String, sizeGB: Int) async throws -> Vault {
        try await updateVault(id: id, VaultUpdate(sizeGB: sizeGB))
    }

    /// `DELETE /v3/{project_id}/vaults/{vault_id}` (204). The vault and its backups are removed asynchronously;
    /// see ``waitForVaultDeletion(id:policy:onUpdate:)``.
    ///
    /// If the answer is lost, the deletion is not re-sent blindly: a vault that is gone or `deleting` counts as
    /// deleted.
    public func deleteVault(id: String) async throws {
        let reconciler = Reconciler<Void>(what: "vault \(id) gone or being deleted") { _ in
            do {
                return try await showVault(id: id).isBeingDeleted ? () : nil
            } catch let error as ClientError where error.status == 404 {
                return ()
            }
        }
        try await sendExpectingNoContent(.deleteVault, id, reconciler: reconciler
        )
    }

    /// `POST /v3/{project_id}/vaults/{vault_id}/removeresources`: dissociates resources (and deletes their
    /// backups in this vault). Returns the ids the service removed.
    public func removeResources(vaultID: String, resourceIDs: [String]) async throws -> [String] {
        let reconciler = Reconciler<RemoveResourcesResponse>(
            what: "the resources \(resourceIDs.joined(separator: ", ")) removed or being removed from the vault"
        ) { _ in
            let vault = try await showVault(id: vaultID)
            let gone = resourceIDs.filter { id in
                guard let resource = vault.resources?.first(where: { $0.id == id }) else { return true }
                return resource.isBeingRemoved
            }
            return gone.count == resourceIDs.count ? RemoveResourcesResponse(removeResourceIDs: gone) : nil
        }
        let response: RemoveResourcesResponse = try await send(.removeResources, vaultID, body: RemoveResourcesBody(resourceIDs: resourceIDs), reconciler: reconciler
        )
        return response.removeResourceIDs ?? []
    }

    /// `POST /v3/{project_id}/vaults/{vault_id}/associatepolicy`: binds a policy to the vault.
    public func associatePolicy(vaultID: String, policyID: String, destinationVaultID: String? = nil)
        async throws -> PolicyAssociation
    {
        let bound = PolicyAssociation(vaultID: vaultID, policyID: policyID, destinationVaultID: destinationVaultID)
        let reconciler = Reconciler<AssociatePolicyResponse>(what: "policy \(policyID) bound to vault \(vaultID)") { _ in
            let policies = try await listPolicies(vaultID: vaultID)
            return policies.contains { $0.id == policyID } ? AssociatePolicyResponse(associatePolicy: bound) : nil
        }
        let response: AssociatePolicyResponse = try await send(.associatePolicy, vaultID, body: PolicyBindingBody(policyID: policyID, destinationVaultID: destinationVaultID),
            reconciler: reconciler
        )
        return response.associatePolicy
    }

    /// `POST /v3/{project_id}/vaults/{vault_id}/dissociatepolicy`: unbinds a policy from the vault.
    public func dissociatePolicy(vaultID: String, policyID: String) async throws -> PolicyAssociation {
        let unbound = PolicyAssociation(vaultID: vaultID, policyID: policyID, destinationVaultID: nil)
        let reconciler = Reconciler<DissociatePolicyResponse>(what: "policy \(policyID) unbound from vault \(vaultID)") { _ in
            let policies = try await listPolicies(vaultID: vaultID)
            return policies.contains { $0.id == policyID } ? nil : DissociatePolicyResponse(dissociatePolicy: unbound)
        }
        let response: DissociatePolicyResponse = try await send(.dissociatePolicy, vaultID, body: PolicyBindingBody(policyID: policyID, destinationVaultID: nil), reconciler: reconciler
        )
        return response.dissociatePolicy
    }
}

/// The body of `PUT /v3/{project_id}/vaults/{vault_id}`.
public struct UpdateVaultBody: Codable, Sendable, Hashable {
    public var vault: VaultUpdate

    public init(vault: VaultUpdate) {
        self.vault = vault
    }
}

/// The body of `POST /v3/{project_id}/vaults/{vault_id}/removeresources`.
public struct RemoveResourcesBody: Codable, Sendable, Hashable {
    public var resourceIDs: [String]

    enum CodingKeys: String, CodingKey {
        case resourceIDs = "resource_ids"
    }

    public init(resourceIDs: [String]) {
        self.resourceIDs = resourceIDs
    }
}

/// The answer to `removeresources`: the ids the service removed.
public struct RemoveResourcesResponse: Codable, Sendable, Hashable {
    public var removeResourceIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case removeResourceIDs = "remove_resource_ids"
    }

    public init(removeResourceIDs: [String]?) {
        self.removeResourceIDs = removeResourceIDs
    }
}

/// The body of `associatepolicy` and `dissociatepolicy` (the latter never sends a destination vault).
public struct PolicyBindingBody: Codable, Sendable, Hashable {
    public var policyID: String
    public var destinationVaultID: String?

    enum CodingKeys: String, CodingKey {
        case policyID = "policy_id"
        case destinationVaultID = "destination_vault_id"
    }

    public init(policyID: String, destinationVaultID: String? = nil) {
        self.policyID = policyID
        self.destinationVaultID = destinationVaultID
    }
}

/// The answer to `associatepolicy`: `{"associate_policy": …}`.
public struct AssociatePolicyResponse: Codable, Sendable, Hashable {
    public var associatePolicy: PolicyAssociation

    enum CodingKeys: String, CodingKey {
        case associatePolicy = "associate_policy"
    }

    public init(associatePolicy: PolicyAssociation) {
        self.associatePolicy = associatePolicy
    }
}

/// The answer to `dissociatepolicy`: `{"dissociate_policy": …}`.
public struct DissociatePolicyResponse: Codable, Sendable, Hashable {
    public var dissociatePolicy: PolicyAssociation

    enum CodingKeys: String, CodingKey {
        case dissociatePolicy = "dissociate_policy"
    }

    public init(dissociatePolicy: PolicyAssociation) {
        self.dissociatePolicy = dissociatePolicy
    }
}
