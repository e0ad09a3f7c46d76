import GRDB

/// An organization policy with what its wire form needs: the owning account's name.
struct OrganizationPolicyDetails: Sendable, Equatable {
    var policy: OrganizationPolicyRecord
    var domainName: String
}

/// Where an organization policy applies: one project of the account, as `list_organization_policy_detail` lists it.
struct OrganizationPolicyDeployment: Sendable, Equatable {
    var policyID: String
    var domainID: String
    var projectID: String
}

extension EmulatorStore {
    /// Stores a new organization policy of the caller's account.
    func createOrganizationPolicy(_ policy: OrganizationPolicyRecord) async throws -> OrganizationPolicyDetails {
        try await writeState { db in
            try policy.insert(db)
            return try Self.organizationPolicyDetails(of: policy, in: db)
        }
    }

    /// The account's organization policies, oldest first, optionally of one operation type, one page, and the
    /// match count.
    func organizationPolicies(
        domainID: String,
        operationType: String?,
        limit: Int,
        offset: Int
    ) async throws -> (total: Int, page: [OrganizationPolicyDetails]) {
        try await readState { db in
            var request = OrganizationPolicyRecord.filter(Column("domainId") == domainID)
            if let operationType { request = request.filter(Column("operationType") == operationType) }
            let total = try request.fetchCount(db)
            let page = try request.order(Column("createdAt"), Column.rowID).limit(limit, offset: offset).fetchAll(db)
            return (total, try page.map { try Self.organizationPolicyDetails(of: $0, in: db) })
        }
    }

    /// One organization policy of the account.
    /// - Throws: ``EmulatorError/policyNotFound``.
    func organizationPolicy(id: String, domainID: String) async throws -> OrganizationPolicyDetails {
        try await readState { db in
            try Self.organizationPolicyDetails(of: try Self.requireOrganizationPolicy(id, domainID: domainID, in: db), in: db)
        }
    }

    /// Applies `change` to an organization policy of the account and stores it.
    /// - Throws: ``EmulatorError/policyNotFound``.
    func updateOrganizationPolicy(
        id: String,
        domainID: String,
        at now: Int64,
        change: @escaping @Sendable (inout OrganizationPolicyRecord) -> Void
    ) async throws -> OrganizationPolicyDetails {
        try await writeState { db in
            var policy = try Self.requireOrganizationPolicy(id, domainID: domainID, in: db)
            change(&policy)
            policy.updatedAt = now
            try policy.update(db)
            return try Self.organizationPolicyDetails(of: policy, in: db)
        }
    }

    /// Deletes an organization policy of the account.
    /// - Throws: ``EmulatorError/policyNotFound``.
    func deleteOrganizationPolicy(id: String, domainID: String) async throws {
        try await writeState { db in
            _ = try Self.requireOrganizationPolicy(id, domainID: domainID, in: db).delete(db)
        }
    }

    /// Where an organization policy of the account applies: every project of the account (the emulator has no
    /// Organizations, so the organization is the account itself), by project id.
    /// - Throws: ``EmulatorError/policyNotFound``.
    func organizationPolicyDeployments(id: String, domainID: String) async throws -> [OrganizationPolicyDeployment] {
        try await readState { db in
            let policy = try Self.requireOrganizationPolicy(id, domainID: domainID, in: db)
            let projects = try String.fetchAll(
                db, sql: "SELECT id FROM project WHERE domainId = ? ORDER BY id", arguments: [domainID]
            )
            return projects.map { OrganizationPolicyDeployment(policyID: policy.id, domainID: domainID, projectID: $0) }
        }
    }

    private static func requireOrganizationPolicy(
        _ id: String, domainID: String, in db: Database
    ) throws -> OrganizationPolicyRecord {
        guard
            let policy = try OrganizationPolicyRecord.filter(key: id).filter(Column("domainId") == domainID).fetchOne(db)
        else { throw EmulatorError.policyNotFound }
        return policy
    }

    private static func organizationPolicyDetails(
        of policy: OrganizationPolicyRecord, in db: Database
    ) throws -> OrganizationPolicyDetails {
        let domain = try DomainRecord.fetchOne(db, key: policy.domainId)
        return OrganizationPolicyDetails(policy: policy, domainName: domain?.name ?? "")
    }
}
