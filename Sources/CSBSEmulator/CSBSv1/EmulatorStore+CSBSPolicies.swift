import Foundation
import GRDB

/// A CSBS v1 backup policy. Table `csbsPolicy`; `document` is the policy as answered (JSON text of
/// ``CSBSPolicyBody``), `name` a copy for the uniqueness check and the name filter.
struct CSBSPolicyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "csbsPolicy"

    var id: String
    var projectId: String
    var name: String
    var document: String
    var createdAt: Int64

    /// The stored policy.
    var body: CSBSPolicyBody? { WireJSON.decodeText(CSBSPolicyBody.self, from: document) }
}

extension EmulatorMigrations {
    /// CSBS v1 backup policies (stored, never run).
    static func addCSBSPolicies(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE csbsPolicy (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    document TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    UNIQUE (projectId, name)
                );
                """
        )
    }
}

extension EmulatorStore {
    /// Creates a policy (`request` checked as a create).
    /// - Throws: `CSBS.9007` for a name the project already uses, `CSBS.6000` for a server not in the project,
    ///   `CSBS.6004` for a server already in another policy.
    func createCSBSPolicy(
        _ request: CSBSPolicyRequest, projectID: String, at now: Int64, identifiers: IdentifierSource
    ) async throws -> CSBSPolicyBody {
        try await writeState { db in
            let id = identifiers.uuid()
            try Self.checkCSBSPolicyName(request.name ?? "", policyID: id, projectID: projectID, in: db)
            let start = String(WireTime.cbr(now).prefix(19)).replacingOccurrences(of: "T", with: " ")
            let operations = (request.operations ?? []).map { operation in
                let trigger = identifiers.uuid()
                return CSBSPolicyBody.ScheduledOperation(
                    id: identifiers.uuid(), name: operation.name ?? "", description: operation.description ?? "",
                    enabled: operation.enabled ?? true, operationType: "backup", triggerId: trigger,
                    trigger: .init(
                        id: trigger, name: "default", type: "time",
                        properties: .init(pattern: operation.pattern ?? "", startTime: start)
                    ),
                    operationDefinition: .init(
                        maxBackups: operation.definition?.maxBackups,
                        retentionDurationDays: operation.definition?.retentionDurationDays,
                        permanent: operation.definition?.permanent, planId: id, providerId: CSBSController.providerID
                    )
                )
            }
            let policy = CSBSPolicyBody(
                id: id, name: request.name ?? "", description: request.description ?? "", status: "suspended",
                providerId: CSBSController.providerID, parameters: .init(), scheduledOperations: operations,
                resources: try Self.csbsPolicyResources(request.resources ?? [], policyID: id, projectID: projectID, in: db),
                tags: request.tags ?? [], createdAt: WireTime.cbr(now), projectId: projectID
            )
            try Self.saveCSBSPolicy(policy, createdAt: now, in: db)
            return policy
        }
    }

    /// The project's policies, oldest first, optionally only the one named `name`.
    func csbsPolicies(projectID: String, name: String?) async throws -> [CSBSPolicyBody] {
        try await readState { db in
            var request = CSBSPolicyRecord.filter(Column("projectId") == projectID)
            if let name { request = request.filter(Column("name") == name) }
            return try request.order(Column("createdAt"), Column.rowID).fetchAll(db).compactMap(\.body)
        }
    }

    /// One policy of the project.
    /// - Throws: `CSBS.3000` for an unknown one.
    func csbsPolicy(id: String, projectID: String) async throws -> CSBSPolicyBody {
        try await readState { db in try Self.csbsPolicy(id, projectID: projectID, in: db) }
    }

    /// Changes the fields `request` gives (checked as an update); a scheduled operation is named by its `id`.
    /// - Throws: `CSBS.3000`, `CSBS.9001` for an unknown scheduled operation, and the create's errors.
    func updateCSBSPolicy(_ request: CSBSPolicyRequest, id: String, projectID: String) async throws -> CSBSPolicyBody {
        try await writeState { db in
            var policy = try Self.csbsPolicy(id, projectID: projectID, in: db)
            if let name = request.name {
                try Self.checkCSBSPolicyName(name, policyID: id, projectID: projectID, in: db)
                policy.name = name
            }
            if let description = request.description { policy.description = description }
            for change in request.operations ?? [] {
                guard let index = policy.scheduledOperations.firstIndex(where: { $0.id == change.id }) else {
                    throw EmulatorError.csbsInvalid("The scheduled operation \(change.id ?? "") does not exist.")
                }
                var operation = policy.scheduledOperations[index]
                if let name = change.name { operation.name = name }
                if let description = change.description { operation.description = description }
                if let enabled = change.enabled { operation.enabled = enabled }
                if let pattern = change.pattern { operation.trigger.properties.pattern = pattern }
                if let definition = change.definition {
                    operation.operationDefinition.maxBackups = definition.maxBackups
                    operation.operationDefinition.retentionDurationDays = definition.retentionDurationDays
                    operation.operationDefinition.permanent = definition.permanent
                }
                policy.scheduledOperations[index] = operation
            }
            if let resources = request.resources {
                policy.resources = try Self.csbsPolicyResources(resources, policyID: id, projectID: projectID, in: db)
            }
            let createdAt = try CSBSPolicyRecord.fetchOne(db, key: id)?.createdAt ?? 0
            try Self.saveCSBSPolicy(policy, createdAt: createdAt, in: db)
            return policy
        }
    }

    /// Deletes a policy.
    /// - Throws: `CSBS.3000` for an unknown one.
    func deleteCSBSPolicy(id: String, projectID: String) async throws {
        try await writeState { db in
            _ = try Self.csbsPolicy(id, projectID: projectID, in: db)
            _ = try CSBSPolicyRecord.deleteOne(db, key: id)
        }
    }

    private static func csbsPolicy(_ id: String, projectID: String, in db: Database) throws -> CSBSPolicyBody {
        guard let record = try CSBSPolicyRecord.filter(key: id).filter(Column("projectId") == projectID).fetchOne(db),
            let policy = record.body
        else { throw EmulatorError.csbsPolicyNotFound }
        return policy
    }

    /// - Throws: `CSBS.9007` when another policy of the project has this name.
    private static func checkCSBSPolicyName(_ name: String, policyID: String, projectID: String, in db: Database) throws {
        let taken = try CSBSPolicyRecord.filter(Column("projectId") == projectID && Column("name") == name)
            .filter(Column("id") != policyID).fetchCount(db)
        guard taken == 0 else { throw EmulatorError.csbsDuplicatePolicyName(name) }
    }

    private static func saveCSBSPolicy(_ policy: CSBSPolicyBody, createdAt: Int64, in db: Database) throws {
        try CSBSPolicyRecord(
            id: policy.id, projectId: policy.projectId, name: policy.name, document: WireJSON.encodeText(policy),
            createdAt: createdAt
        ).save(db)
    }

    /// The policy's servers: each must be a server of the project in no other policy of it.
    private static func csbsPolicyResources(
        _ resources: [CSBSPolicyBody.Resource], policyID: String, projectID: String, in db: Database
    ) throws -> [CSBSPolicyBody.Resource] {
        let others = try CSBSPolicyRecord.filter(Column("projectId") == projectID && Column("id") != policyID)
            .fetchAll(db).compactMap(\.body)
        for resource in resources {
            guard try ServerRecord.filter(Column("id") == resource.id && Column("projectId") == projectID).fetchCount(db) > 0
            else { throw EmulatorError.csbsServerNotFound(resource.id) }
            if let other = others.first(where: { $0.resources.contains { $0.id == resource.id } }) {
                throw EmulatorError.csbsServerInPolicy(resource.id, policyID: other.id)
            }
        }
        return resources
    }
}

extension EmulatorStore {
    /// The tags of a backup (a checkpoint item, not deleted) or a policy of the project.
    /// - Throws: `CSBS.3001` for an unknown backup, `CSBS.3000` for an unknown policy.
    func csbsTags(_ kind: CSBSTaggedKind, id: String, projectID: String) async throws -> [CSBSTag] {
        try await readState { db in try Self.csbsTags(kind, id: id, projectID: projectID, in: db) }
    }

    /// Sets the `create` tags (a key given again takes the new value) and removes the `delete` keys.
    /// - Throws: the look-up's errors, `CSBS.7000` when the resource would hold more than 10 tags.
    func changeCSBSTags(
        _ kind: CSBSTaggedKind, id: String, projectID: String, create: [CSBSTag], delete: [String]
    ) async throws {
        try await writeState { db in
            var tags = try Self.csbsTags(kind, id: id, projectID: projectID, in: db)
                .filter { tag in !delete.contains(tag.key) && !create.contains { $0.key == tag.key } }
            tags += create
            guard tags.count <= 10 else { throw EmulatorError.csbsTagLimit }
            switch kind {
            case .backup:
                try db.execute(sql: "UPDATE csbsItem SET tags = ? WHERE id = ?", arguments: [WireJSON.encodeText(tags), id])
            case .policy:
                var policy = try Self.csbsPolicy(id, projectID: projectID, in: db)
                policy.tags = tags
                let createdAt = try CSBSPolicyRecord.fetchOne(db, key: id)?.createdAt ?? 0
                try Self.saveCSBSPolicy(policy, createdAt: createdAt, in: db)
            }
        }
    }

    /// Every tag of the project's backups (not deleted) or policies.
    func csbsProjectTags(_ kind: CSBSTaggedKind, projectID: String) async throws -> [CSBSTag] {
        try await readState { db in
            switch kind {
            case .backup:
                try CSBSItemRecord.filter(Column("projectId") == projectID && Column("deletingUntil") == nil)
                    .fetchAll(db).flatMap { WireJSON.decodeText([CSBSTag].self, from: $0.tags) ?? [] }
            case .policy:
                try CSBSPolicyRecord.filter(Column("projectId") == projectID).fetchAll(db).flatMap { $0.body?.tags ?? [] }
            }
        }
    }

    private static func csbsTags(_ kind: CSBSTaggedKind, id: String, projectID: String, in db: Database) throws
        -> [CSBSTag]
    {
        switch kind {
        case .backup:
            guard let item = try CSBSItemRecord.filter(key: id).filter(Column("projectId") == projectID)
                .filter(Column("deletingUntil") == nil).fetchOne(db)
            else { throw EmulatorError.csbsBackupNotFound }
            return WireJSON.decodeText([CSBSTag].self, from: item.tags) ?? []
        case .policy:
            return try csbsPolicy(id, projectID: projectID, in: db).tags
        }
    }
}
