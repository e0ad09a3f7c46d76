import GRDB

/// A policy with its vault bindings.
struct PolicyDetails: Sendable, Equatable {
    var policy: PolicyRecord
    var bindings: [VaultPolicyRecord]
}

extension EmulatorStore {
    /// Stores a new policy.
    func createPolicy(_ policy: PolicyRecord) async throws -> PolicyDetails {
        try await writeState { db in
            try policy.insert(db)
            return PolicyDetails(policy: policy, bindings: [])
        }
    }

    /// The policies of `projectID`, oldest first, optionally of one operation type or bound to one vault.
    func policies(projectID: String, operationType: String?, vaultID: String?) async throws -> [PolicyDetails] {
        try await readState { db in
            var request = PolicyRecord.filter(Column("projectId") == projectID)
            if let operationType { request = request.filter(Column("operationType") == operationType) }
            if let vaultID {
                let ids = try String.fetchAll(
                    db, sql: "SELECT policyId FROM vaultPolicy WHERE vaultId = ?", arguments: [vaultID]
                )
                request = request.filter(keys: ids)
            }
            return try request.order(Column("createdAt"), Column.rowID).fetchAll(db).map {
                try Self.policyDetails(of: $0, in: db)
            }
        }
    }

    /// The policy of `projectID` with this id, if any.
    func policyDetails(id: String, projectID: String) async throws -> PolicyDetails? {
        try await readState { db in
            try Self.policy(id, projectID: projectID, in: db).map { try Self.policyDetails(of: $0, in: db) }
        }
    }

    /// Applies `change` to a stored policy and saves it. Runs due by `now` happen under the old settings first;
    /// then the policy's bindings wait for the first trigger after `now` of the new pattern (none while disabled).
    /// - Throws: ``EmulatorError/policyNotFound``.
    func updatePolicy(
        id: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment,
        change: @Sendable (inout PolicyRecord) -> Void
    ) async throws -> PolicyDetails {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard var policy = try Self.policy(id, projectID: projectID, in: db) else {
                throw EmulatorError.policyNotFound
            }
            change(&policy)
            try policy.update(db)
            try Self.reschedule(policyID: policy.id, after: now, in: db)
            return try Self.policyDetails(of: policy, in: db)
        }
    }

    /// Deletes a policy (its bindings go with it), after the runs due by `now`.
    /// - Throws: ``EmulatorError/policyNotFound``.
    func deletePolicy(id: String, projectID: String, at now: Int64, environment: StoreEnvironment) async throws {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard let policy = try Self.policy(id, projectID: projectID, in: db) else {
                throw EmulatorError.policyNotFound
            }
            try policy.delete(db)
        }
    }

    /// Binds policies to a vault; a vault holds one policy per operation type, so a new one replaces the old.
    /// An enabled backup policy first runs at its first trigger after `now`.
    /// - Throws: 6105 (no such vault), 6000 (no such policy), 9900 (replication without destination vault).
    func associatePolicies(
        _ ids: [String],
        vaultID: String,
        destinationVaultID: String?,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [VaultPolicyRecord] {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            return try Self.bind(ids, to: vault, destinationVaultID: destinationVaultID, at: now, in: db)
        }
    }

    /// Binds policies of the vault's project to `vault` (`associatepolicy`, and `backup_policy_id` on create): a
    /// vault holds one policy per operation type, so a new one replaces the old; an enabled backup policy first
    /// runs at its first trigger after `now`.
    /// - Throws: 6000 (no such policy), 9900 (replication without destination vault).
    static func bind(
        _ ids: [String],
        to vault: VaultRecord,
        destinationVaultID: String?,
        at now: Int64,
        in db: Database
    ) throws -> [VaultPolicyRecord] {
        var bound: [VaultPolicyRecord] = []
        for id in ids {
            guard let policy = try Self.policy(id, projectID: vault.projectId, in: db) else {
                throw EmulatorError.policyNotFound
            }
            if policy.operationType == "replication", destinationVaultID == nil {
                throw EmulatorError.invalidParameter("destination_vault_id is required for a replication policy.")
            }
            try db.execute(
                sql: """
                    DELETE FROM vaultPolicy WHERE vaultId = ? AND policyId IN
                    (SELECT id FROM policy WHERE operationType = ?)
                    """,
                arguments: [vault.id, policy.operationType]
            )
            let binding = VaultPolicyRecord(
                vaultId: vault.id, policyId: policy.id,
                destinationVaultId: policy.operationType == "replication" ? destinationVaultID : nil
            )
            try binding.insert(db)
            bound.append(binding)
        }
        for id in Set(bound.map(\.policyId)) {
            try rescheduleBinding(vaultID: vault.id, policyID: id, after: now, in: db)
        }
        return bound
    }

    /// Unbinds a policy from a vault.
    /// - Throws: 6105 (no such vault), 6002 (the policy is not bound to it).
    func dissociatePolicy(
        _ policyID: String,
        vaultID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settle(at: now, environment: environment, in: db)
            guard try Self.vault(vaultID, projectID: projectID, in: db) != nil else {
                throw EmulatorError.vaultNotFound
            }
            guard try VaultPolicyRecord.deleteOne(db, key: ["vaultId": vaultID, "policyId": policyID]) else {
                throw EmulatorError.policyNotBound
            }
        }
    }

    /// Sets one binding's next run to its policy's first trigger after `time` (`NULL` if the policy does not run).
    private static func rescheduleBinding(vaultID: String, policyID: String, after time: Int64, in db: Database) throws {
        guard let policy = try PolicyRecord.fetchOne(db, key: policyID) else { return }
        let next = policy.runsBackups ? PolicySchedule(policy)?.next(after: time) : nil
        try db.execute(
            sql: "UPDATE vaultPolicy SET nextRunAt = ? WHERE vaultId = ? AND policyId = ?",
            arguments: [next, vaultID, policyID]
        )
    }

    private static func policy(_ id: String, projectID: String, in db: Database) throws -> PolicyRecord? {
        try PolicyRecord.filter(key: id).filter(Column("projectId") == projectID).fetchOne(db)
    }

    private static func policyDetails(of policy: PolicyRecord, in db: Database) throws -> PolicyDetails {
        let bindings = try VaultPolicyRecord.filter(Column("policyId") == policy.id).order(Column.rowID).fetchAll(db)
        return PolicyDetails(policy: policy, bindings: bindings)
    }
}
