import Foundation
import GRDB

extension EmulatorStore {
    /// Creates a checkpoint and one backup per resource (a server backup gets one child per disk).
    /// - Throws: ``EmulatorError`` 6105 (no such vault), 0001 (nothing to back up), 6135 (resource not in
    ///   the vault).
    func createCheckpoint(
        _ request: CheckpointRequest,
        projectID: String,
        at now: Int64
    ) async throws -> CheckpointDetails {
        try await writer.write { db in
            guard let vault = try Self.vault(request.vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            let members = try Self.details(of: vault, in: db).members
            let chosen = try Self.choose(request.resourceIDs, from: members)
            let checkpoint = CheckpointRecord(
                id: Identifiers.uuid(), projectId: projectID, vaultId: vault.id, name: request.name,
                description: request.description, incremental: request.incremental,
                autoTrigger: request.autoTrigger, retentionDuration: -1, createdAt: now
            )
            try checkpoint.insert(db)
            for member in chosen {
                try Self.insertBackups(of: member, checkpoint: checkpoint, in: db)
            }
            return try Self.checkpointDetails(of: checkpoint, in: db)
        }
    }

    /// The checkpoint of `projectID` with this id, if any (another project's checkpoint is `nil`).
    func checkpointDetails(id: String, projectID: String) async throws -> CheckpointDetails? {
        try await writer.read { db in
            guard let checkpoint = try CheckpointRecord.filter(key: id)
                .filter(Column("projectId") == projectID)
                .fetchOne(db)
            else { return nil }
            return try Self.checkpointDetails(of: checkpoint, in: db)
        }
    }

    private static func choose(_ ids: [String]?, from members: [VaultResourceRecord]) throws -> [VaultResourceRecord] {
        guard !members.isEmpty else {
            throw EmulatorError.nothingToBackUp
        }
        guard let ids else { return members }
        var chosen: [VaultResourceRecord] = []
        for id in ids where !chosen.contains(where: { $0.resourceId == id }) {
            guard let member = members.first(where: { $0.resourceId == id }) else {
                throw EmulatorError.resourceNotInVault(id)
            }
            chosen.append(member)
        }
        return chosen
    }

    private static func insertBackups(
        of member: VaultResourceRecord,
        checkpoint: CheckpointRecord,
        in db: Database
    ) throws {
        let project = checkpoint.projectId
        guard let resource = try ProtectableResource.find(
            id: member.resourceId, type: member.resourceType, projectID: project, in: db
        ) else {
            throw EmulatorError.resourceNotFound(member.resourceId)
        }
        let parent = backup(
            of: resource.id, name: resource.name, type: resource.type, sizeGB: resource.sizeGB,
            sizeMB: resource.usedMB, parentID: nil, checkpoint: checkpoint
        )
        try parent.insert(db)
        guard resource.type == ResourceType.server else { return }
        for disk in resource.disks {
            try backup(
                of: disk.id, name: disk.name, type: ResourceType.volume, sizeGB: disk.sizeGB,
                sizeMB: disk.usedMB, parentID: parent.id, checkpoint: checkpoint
            ).insert(db)
        }
    }

    // Parameters mirror the record's columns one to one.
    private static func backup(
        of resourceID: String, name: String, type: String, sizeGB: Int, sizeMB: Int, parentID: String?,
        checkpoint: CheckpointRecord
    ) -> BackupRecord {
        BackupRecord(
            id: Identifiers.uuid(), checkpointId: checkpoint.id, parentId: parentID, vaultId: checkpoint.vaultId,
            projectId: checkpoint.projectId, resourceId: resourceID, resourceName: name, resourceType: type,
            resourceSizeGB: sizeGB, sizeMB: sizeMB, name: checkpoint.name, description: checkpoint.description,
            incremental: checkpoint.incremental, autoTrigger: checkpoint.autoTrigger, createdAt: checkpoint.createdAt
        )
    }

    private static func checkpointDetails(
        of checkpoint: CheckpointRecord,
        in db: Database
    ) throws -> CheckpointDetails {
        guard let vault = try VaultRecord.fetchOne(db, key: checkpoint.vaultId) else {
            throw EmulatorError.vaultNotFound
        }
        let topLevel = BackupRecord.filter(Column("vaultId") == vault.id && Column("parentId") == nil)
        let backups = try topLevel.filter(Column("checkpointId") == checkpoint.id).order(Column.rowID).fetchAll(db)
        let earlier = try topLevel.filter(Column("createdAt") < checkpoint.createdAt).fetchAll(db)
        return CheckpointDetails(checkpoint: checkpoint, vault: vault, backups: backups, earlierBackups: earlier)
    }
}
