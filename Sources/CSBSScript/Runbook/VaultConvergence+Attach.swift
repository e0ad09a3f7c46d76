import CSBSClient

extension VaultConvergence {
    /// What ``attach(_:type:name:to:)`` did.
    public enum AttachOutcome: Sendable, Hashable {
        /// The resource was added; the vault with it.
        case attached(Vault)
        /// The vault already held the resource; nothing was sent.
        case alreadyAttached(Vault)

        /// The vault as it is now.
        public var vault: Vault {
            switch self {
            case .attached(let vault), .alreadyAttached(let vault): vault
            }
        }
    }

    /// Adds the server or disk `resourceID` to `vault` unless the vault holds it already.
    public func attach(
        _ resourceID: String, type: VaultObjectType, name: String? = nil, to vault: Vault
    ) async throws -> AttachOutcome {
        guard !vault.contains(resourceID: resourceID) else { return .alreadyAttached(vault) }
        let resource = ResourceReference(id: resourceID, type: type.resourceType, name: name)
        _ = try await client.addResources(vaultID: vault.id, [resource])
        var vault = vault
        vault.resources = (vault.resources ?? []) + [VaultResource(id: resourceID, name: name, type: type.resourceType)]
        return .attached(vault)
    }
}

extension VaultConvergence {
    /// The most resources one `addresources` call takes (API reference §2.2.1).
    public static let resourcesPerCall = 256

    /// How one resource of ``attach(_:type:to:)`` ended.
    public enum ResourceAttachResult: ResourceSetResult {
        /// Added by this call.
        case attached
        /// The vault already held it; nothing was sent for it.
        case alreadyAttached
        /// Not in the vault: the service refused it, or what happened is not known (the error says which).
        case failed(ClientError)

        public static var untouched: Self { .alreadyAttached }
        public var failure: ClientError? {
            if case .failed(let error) = self { error } else { nil }
        }
    }

    /// What ``attach(_:type:to:)`` did, resource by resource.
    public typealias BatchAttachOutcome = ResourceSetOutcome<ResourceAttachResult>

    /// Adds every resource of `resourceIDs` to `vault` that it does not hold yet, in `addresources` calls of at
    /// most ``resourcesPerCall`` resources, and reports each resource: attached, already attached, or failed.
    ///
    /// A failed call is reconciled before anything is sent again: the vault is shown, and what it holds counts as
    /// attached whatever the answer said (a lost answer, or a service that applied part of a batch). When the
    /// service refused the call for one of its resources (``mayBeOneResourcesRefusal(_:)``: a server in another
    /// vault, a resource not found, a stopped server), the rest is split in two and each half sent on its own, down
    /// to single resources, whose refusal is that resource's. Any other failure (429 or 5xx after the client's
    /// retries, a lost answer that reconciliation could not settle) fails the rest of that call's resources: they
    /// are reported as not attached, never as attached. A resource the service's answer does not list is reported
    /// as failed too.
    /// - Throws: Only `CancellationError`; every service failure ends up in the outcome.
    public func attach(_ resourceIDs: [String], type: VaultObjectType, to vault: Vault) async throws
        -> BatchAttachOutcome
    {
        var outcome = BatchAttachOutcome(vault: vault, resourceIDs: resourceIDs)
        let held = vault.resourceIDs
        let missing = outcome.order.filter { !held.contains($0) }
        var queue = stride(from: 0, to: missing.count, by: Self.resourcesPerCall).map {
            Array(missing[$0..<min($0 + Self.resourcesPerCall, missing.count)])
        }
        while !queue.isEmpty {
            try Task.checkCancellation()
            let batch = queue.removeFirst()
            do {
                let references = batch.map { ResourceReference(id: $0, type: type.resourceType, name: nil) }
                let added = Set(try await client.addResources(vaultID: vault.id, references))
                outcome.record(attached: batch.filter(added.contains), type: type)
                for id in batch where !added.contains(id) {
                    outcome.outcomes[id] = .failed(Self.unconfirmed(id))
                }
            } catch let error as ClientError {
                queue.insert(contentsOf: try await reconcile(batch, after: error, into: &outcome), at: 0)
            }
        }
        return outcome
    }

    /// After a failed `addresources` call: what the vault holds is attached; the rest is returned in two halves to
    /// be sent again when the refusal may be one resource's, else reported failed with `error`.
    private func reconcile(_ batch: [String], after error: ClientError, into outcome: inout BatchAttachOutcome)
        async throws -> [[String]]
    {
        let current: Vault
        do {
            current = try await client.showVault(id: outcome.vault.id)
        } catch let showError as ClientError {
            // Where things stand is unknown: none of them is reported attached.
            for id in batch { outcome.outcomes[id] = .failed(showError.status == 404 ? showError : error) }
            return []
        }
        outcome.vault = current
        var rest: [String] = []
        let held = current.resourceIDs
        for id in batch {
            if held.contains(id) { outcome.outcomes[id] = .attached } else { rest.append(id) }
        }
        guard rest.count > 1, Self.mayBeOneResourcesRefusal(error) else {
            for id in rest { outcome.outcomes[id] = .failed(error) }
            return []
        }
        let half = rest.count / 2
        return [Array(rest[..<half]), Array(rest[half...])]
    }

    /// A refusal about one resource of the batch: a service 4xx with one of the resource codes the API reference
    /// lists for `addresources` (§2.2.1, §4.1): wrong type, already associated or duplicate (6102–6104), cannot add
    /// (6108), CSBS backups (6205), not found (6302, 7000, 7100), a server that cannot be backed up (7101–7117),
    /// a disk in a vault (7006). A refusal of the whole call (a missing or full vault, a bad parameter) is not
    /// split: it would refuse every half too.
    static func mayBeOneResourcesRefusal(_ error: ClientError) -> Bool {
        guard error.kind == .service, let status = error.status, (400..<500).contains(status), status != 429,
            let code = error.code, code.hasPrefix(resourceCodePrefix),
            let number = Int(code.dropFirst(resourceCodePrefix.count))
        else { return false }
        return resourceRefusalCodes.contains(number) || (7101...7117).contains(number)
    }

    private static let resourceCodePrefix = "BackupService."
    private static let resourceRefusalCodes: Set<Int> = [6102, 6103, 6104, 6108, 6205, 6302, 7000, 7006, 7100]

    static func unconfirmed(_ id: String) -> ClientError {
        ClientError(
            kind: .ambiguousOutcome, operation: "add resources",
            message: "the service's answer does not list \(id) as added, so it is not reported as attached"
        )
    }
}

extension ResourceSetOutcome<VaultConvergence.ResourceAttachResult> {
    /// Records `ids` attached and adds to ``vault`` the ones it does not list yet (one pass over its resources).
    mutating func record(attached ids: [String], type: VaultObjectType) {
        var held = vault.resourceIDs
        var added: [VaultResource] = []
        for id in ids {
            outcomes[id] = .attached
            if held.insert(id).inserted { added.append(VaultResource(id: id, name: nil, type: type.resourceType)) }
        }
        if !added.isEmpty { vault.resources = (vault.resources ?? []) + added }
    }
}
