import GRDB

/// What happens to resources already in a vault: whether they follow its automatic backups (`set-resources`) and
/// moving them, with their backups, to another vault (`migrateresources`).
extension EmulatorStore {
    /// Sets whether resources of a vault follow its policy's scheduled backups (`auto_protect`); manual backups
    /// are not affected.
    /// - Returns: The ids set, in request order.
    /// - Throws: 6105 for an unknown vault, 6104 for an id given twice, 6135 for a resource not in the vault,
    ///   6134 for one being removed.
    func setAutoProtect(
        _ autoProtect: Bool,
        resourceIDs: [String],
        vaultID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [String] {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            _ = try Self.requireMembers(resourceIDs, of: vault, in: db)
            for id in resourceIDs {
                try db.execute(
                    sql: "UPDATE vaultResource SET autoProtect = ? WHERE resourceId = ?", arguments: [autoProtect, id]
                )
            }
            return resourceIDs
        }
    }

    /// Moves resources from a vault to another vault of the project with their backups: a restore point whose
    /// backups all move goes with them; otherwise the moved backups go to a copy of it (same name, time and
    /// status, a new id) in the destination.
    /// - Returns: The ids moved, in request order.
    /// - Throws: 9900 when the destination is the vault itself, 6105 for an unknown vault (either), 6112 for a
    ///   destination being deleted, the membership errors of ``requireMembers(_:of:in:)``, 6102 for a resource the
    ///   destination does not take, 2002/2010 for one being backed up or restored, 6114 when the backups do not fit.
    func migrateResources(
        _ resourceIDs: [String],
        fromVault vaultID: String,
        toVault destinationID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [String] {
        guard destinationID != vaultID else {
            throw EmulatorError.invalidParameter("destination_vault_id must be another vault.")
        }
        return try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let source = try Self.vault(vaultID, projectID: projectID, in: db),
                let destination = try Self.vault(destinationID, projectID: projectID, in: db)
            else { throw EmulatorError.vaultNotFound }
            guard destination.deletingUntil == nil else {
                throw EmulatorError.invalidVaultStatus(destination.billingStatus)
            }
            let members = try Self.requireMembers(resourceIDs, of: source, in: db)
            let usage = try Self.details(of: source, at: now, in: db).usage
            var movedMB = 0
            for member in members {
                guard ResourceType.vault(destination.objectType, accepts: member.resourceType) else {
                    throw EmulatorError.resourceTypeMismatch(member.resourceType, vaultType: destination.objectType)
                }
                let resource = usage[member.resourceId] ?? ResourceUsage()
                if resource.protecting { throw EmulatorError.resourceBeingBackedUp(member.resourceId) }
                if resource.restoring { throw EmulatorError.resourceBeingRestored(member.resourceId) }
                movedMB += resource.held.sizeMB
            }
            let destinationUsedMB = try Self.usedMB(vaultID: destination.id, at: now, in: db)
            if movedMB > 0, destinationUsedMB + movedMB > destination.sizeGB * 1024 { throw EmulatorError.vaultFull }
            try Self.moveBackups(of: resourceIDs, from: source, to: destination, environment: environment, in: db)
            for id in resourceIDs {
                try db.execute(
                    sql: "UPDATE vaultResource SET vaultId = ? WHERE resourceId = ?", arguments: [destination.id, id]
                )
            }
            return resourceIDs
        }
    }

    /// The vault's records of these resources, in request order (for `removeresources`, `set-resources` and
    /// `migrateresources`).
    /// - Throws: 6104 for an id given twice, 6135 for a resource not in the vault, 6134 for one being removed.
    static func requireMembers(
        _ resourceIDs: [String],
        of vault: VaultRecord,
        in db: Database
    ) throws -> [VaultResourceRecord] {
        var seen = Set<String>()
        for id in resourceIDs where !seen.insert(id).inserted {
            throw EmulatorError.duplicateResource(id)
        }
        let members = Dictionary(
            uniqueKeysWithValues: try members(of: vault.id, in: db).map { ($0.resourceId, $0) }
        )
        return try resourceIDs.map { id in
            guard let member = members[id] else { throw EmulatorError.resourceNotInVault(id) }
            guard member.removingUntil == nil else { throw EmulatorError.resourceBeingRemoved(id) }
            return member
        }
    }

    /// Moves the backups of these resources (and their disk backups) from `source` to `destination`, restore point
    /// by restore point.
    private static func moveBackups(
        of resourceIDs: [String],
        from source: VaultRecord,
        to destination: VaultRecord,
        environment: StoreEnvironment,
        in db: Database
    ) throws {
        let resources = "(" + Array(repeating: "?", count: resourceIDs.count).joined(separator: ", ") + ")"
        let checkpoints = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT checkpointId FROM backup
                WHERE vaultId = ? AND parentId IS NULL AND resourceId IN \(resources)
                """,
            arguments: StatementArguments([source.id] + resourceIDs)
        )
        for checkpointID in checkpoints {
            let staying = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM backup
                    WHERE checkpointId = ? AND parentId IS NULL AND resourceId NOT IN \(resources)
                    """,
                arguments: StatementArguments([checkpointID] + resourceIDs)
            ) ?? 0
            var target = checkpointID
            if staying == 0 {
                try db.execute(
                    sql: "UPDATE checkpoint SET vaultId = ? WHERE id = ?", arguments: [destination.id, checkpointID]
                )
            } else if var copy = try CheckpointRecord.fetchOne(db, key: checkpointID) {
                copy.id = environment.identifiers.uuid()
                copy.vaultId = destination.id
                try copy.insert(db)
                target = copy.id
            }
            // Disk backups first: they are found through their parents, which still name the old checkpoint.
            try db.execute(
                sql: """
                    UPDATE backup SET vaultId = ?, checkpointId = ? WHERE parentId IN (SELECT id FROM backup
                        WHERE checkpointId = ? AND parentId IS NULL AND resourceId IN \(resources))
                    """,
                arguments: StatementArguments([destination.id, target, checkpointID] + resourceIDs)
            )
            try db.execute(
                sql: """
                    UPDATE backup SET vaultId = ?, checkpointId = ?
                    WHERE checkpointId = ? AND parentId IS NULL AND resourceId IN \(resources)
                    """,
                arguments: StatementArguments([destination.id, target, checkpointID] + resourceIDs)
            )
        }
    }
}
