import CSBSClient

extension VaultConvergence {
    /// What ``detach(_:from:)`` did.
    public enum DetachOutcome: Sendable, Hashable {
        /// The resource was removed; the vault without it.
        case detached(Vault)
        /// The service was already removing the resource; nothing was sent.
        case beingDetached(Vault)
        /// The vault did not hold the resource; nothing was sent.
        case notAttached(Vault)

        /// The vault as it is now.
        public var vault: Vault {
            switch self {
            case .detached(let vault), .beingDetached(let vault), .notAttached(let vault): vault
            }
        }
    }

    /// Removes the server or disk `resourceID` from the vault with the ID `vaultID`, as the service has the vault
    /// now, unless the vault does not hold it or is removing it already.
    public func detach(_ resourceID: String, from vaultID: String) async throws -> DetachOutcome {
        var vault = try await client.showVault(id: vaultID)
        if vault.resources?.first(where: { $0.id == resourceID })?.isBeingRemoved == true {
            return .beingDetached(vault)
        }
        guard vault.contains(resourceID: resourceID) else { return .notAttached(vault) }
        _ = try await client.removeResources(vaultID: vault.id, resourceIDs: [resourceID])
        vault.resources = vault.resources?.filter { $0.id != resourceID }
        return .detached(vault)
    }
}

extension VaultConvergence {
    /// How one resource of ``detach(_:from:)-([String],_)`` ended.
    public enum ResourceDetachResult: ResourceSetResult {
        /// Removed by this call (the service goes on removing it in the background).
        case detached
        /// The service was already removing it; nothing was sent for it.
        case beingDetached
        /// The vault did not hold it; nothing was sent for it.
        case notAttached
        /// Still in the vault, as far as is known: the service refused, or what happened is not known.
        case failed(ClientError)

        public static var untouched: Self { .notAttached }
        public var failure: ClientError? {
            if case .failed(let error) = self { error } else { nil }
        }
    }

    /// What ``detach(_:from:)-([String],_)`` did, resource by resource.
    public typealias BatchDetachOutcome = ResourceSetOutcome<ResourceDetachResult>

    /// Removes from the vault with the ID `vaultID` every resource of `resourceIDs` it holds and is not removing
    /// already, in `removeresources` calls of at most ``resourcesPerCall``, as the service has the vault now (one
    /// look first). A failed call is reconciled before anything is reported: the vault is shown again, and a
    /// resource it no longer lists, or lists as being removed, counts as detached; the rest of that call is
    /// reported failed, never as detached.
    /// - Throws: `CancellationError`, or the client's error when the first look at the vault fails (nothing was
    ///   sent); every failure after that ends up in the outcome.
    public func detach(_ resourceIDs: [String], from vaultID: String) async throws -> BatchDetachOutcome {
        let vault = try await client.showVault(id: vaultID)
        var outcome = BatchDetachOutcome(vault: vault, resourceIDs: resourceIDs)
        let removing = Set((vault.resources ?? []).filter(\.isBeingRemoved).map(\.id))
        let held = vault.resourceIDs
        var toRemove: [String] = []
        for id in outcome.order {
            if removing.contains(id) {
                outcome.outcomes[id] = .beingDetached
            } else if held.contains(id) {
                toRemove.append(id)
            }
        }
        for start in stride(from: 0, to: toRemove.count, by: Self.resourcesPerCall) {
            try Task.checkCancellation()
            let batch = Array(toRemove[start..<min(start + Self.resourcesPerCall, toRemove.count)])
            do {
                _ = try await client.removeResources(vaultID: vaultID, resourceIDs: batch)
                for id in batch { outcome.outcomes[id] = .detached }
            } catch let error as ClientError {
                try await reconcile(batch, after: error, into: &outcome)
            }
        }
        let detached = Set(outcome.outcomes.filter { $0.value == .detached }.map(\.key))
        outcome.vault.resources = outcome.vault.resources?.filter { !detached.contains($0.id) }
        return outcome
    }

    /// After a failed `removeresources` call: what the vault no longer lists, or lists as being removed, is
    /// detached; the rest failed with `error` (or, when the vault cannot be shown, all of it).
    private func reconcile(_ batch: [String], after error: ClientError, into outcome: inout BatchDetachOutcome)
        async throws
    {
        let current: Vault
        do {
            current = try await client.showVault(id: outcome.vault.id)
        } catch is ClientError {
            for id in batch { outcome.outcomes[id] = .failed(error) }
            return
        }
        outcome.vault = current
        let stillHeld = Set((current.resources ?? []).filter { !$0.isBeingRemoved }.map(\.id))
        for id in batch {
            outcome.outcomes[id] = stillHeld.contains(id) ? .failed(error) : .detached
        }
    }
}
