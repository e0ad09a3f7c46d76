import CSBSClient

/// Creates a backup policy when none has its name, and otherwise selects it, changing a differing schedule or
/// retention only when asked: what `policy NAME every … at HH:MM …` does, without the language. Also finds a
/// policy by name and binds it to a vault or unbinds it, each only when needed.
public struct PolicyConvergence: Sendable {
    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// Creates, selects or (with `update`) updates the backup policy `name` so it has the `wanted` shape.
    /// - Throws: ``PolicyConvergenceError/ambiguous(name:count:)`` when several policies have the name.
    public func converge(name: String, to wanted: PolicyShape, update: Bool) async throws -> PolicyOutcome {
        let matches = try await client.listPolicies(operationType: "backup").filter { $0.name == name }
        if matches.count > 1 {
            throw PolicyConvergenceError.ambiguous(name: name, count: matches.count)
        }
        guard let existing = matches.first else {
            let parameters = PolicyParameters(name: name, operationDefinition: wanted.definition, pattern: wanted.pattern)
            return .created(try await client.createPolicy(parameters))
        }
        let current = PolicyShape(existing)
        if current == wanted { return .unchanged(existing) }
        guard update else { return .differs(existing) }
        let change = PolicyUpdate(operationDefinition: wanted.definition, pattern: wanted.pattern)
        return .updated(try await client.updatePolicy(id: existing.id, change), was: current)
    }

    /// The backup policy named `name`, or with the ID `name` when no name matches.
    /// - Throws: ``PolicyConvergenceError`` when several have the name or none is found.
    public func find(_ name: String) async throws -> Policy {
        let policies = try await client.listPolicies(operationType: "backup", intent: .expectsName(name))
        let named = policies.filter { $0.name == name }
        if named.count > 1 {
            throw PolicyConvergenceError.ambiguous(name: name, count: named.count)
        }
        guard let policy = named.first ?? policies.first(where: { $0.id == name }) else {
            throw PolicyConvergenceError.notFound(name: name)
        }
        return policy
    }

    /// Binds `policy` to the vault unless it is bound already; whether it sent the binding.
    public func bind(_ policy: Policy, toVault vaultID: String) async throws -> Bool {
        guard !Self.isBound(policy, to: vaultID) else { return false }
        _ = try await client.associatePolicy(vaultID: vaultID, policyID: policy.id)
        return true
    }

    /// Unbinds `policy` from the vault if it is bound; whether it sent the unbinding.
    public func unbind(_ policy: Policy, fromVault vaultID: String) async throws -> Bool {
        guard Self.isBound(policy, to: vaultID) else { return false }
        _ = try await client.dissociatePolicy(vaultID: vaultID, policyID: policy.id)
        return true
    }

    private static func isBound(_ policy: Policy, to vaultID: String) -> Bool {
        policy.associatedVaults?.contains { $0.vaultID == vaultID } ?? false
    }
}

/// What ``PolicyConvergence/converge(name:to:update:)`` did.
public enum PolicyOutcome: Sendable, Hashable {
    /// There was no policy with the name; this one was created.
    case created(Policy)
    /// The policy already had the wanted shape.
    case unchanged(Policy)
    /// The policy has another shape and was left so (no `update`).
    case differs(Policy)
    /// The policy's schedule and retention were changed; `was` is the shape before (`nil` when it was one
    /// ``PolicyShape`` cannot read).
    case updated(Policy, was: PolicyShape?)

    /// The policy as it is now.
    public var policy: Policy {
        switch self {
        case .created(let policy), .unchanged(let policy), .differs(let policy), .updated(let policy, _): policy
        }
    }
}

/// Why a policy could not be picked.
public enum PolicyConvergenceError: Error, Sendable, Hashable {
    /// Several backup policies have the name.
    case ambiguous(name: String, count: Int)
    /// No backup policy has the name or ID.
    case notFound(name: String)
}
