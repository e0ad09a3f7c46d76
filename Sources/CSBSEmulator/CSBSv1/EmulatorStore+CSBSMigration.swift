import Foundation
import GRDB

/// The CSBS v1 → CBR migration (`migrate_domain`), simulated and done at once: every CSBS backup of a project
/// becomes a CBR backup, in a server vault per server.
extension EmulatorStore {
    /// Migrates the CSBS v1 backups of `projects` into CBR and records each project as migrated.
    ///
    /// Per server with CSBS backups (in server id order): the CBR vault that already holds the server, made larger
    /// when the backups do not fit, or else a new server vault named `csbs_` and the server's name, sized to the
    /// backups plus `reservation` (at least 10 GB), with the server as its resource. Each CSBS backup becomes a CBR
    /// backup with the same id, name, description, times and status, in a restore point with its backup record's
    /// id, and one disk backup per disk backup (same ids); the CSBS backup is gone. No task is written.
    /// - Parameters:
    ///   - userID: The caller, the new vaults' `user_id`.
    ///   - reservation: 0...1, how much larger than its backups a new vault is made.
    func migrateCSBS(
        projects: [ProjectRecord],
        userID: String,
        reservation: Double,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            try Self.csbsSettle(db, at: now)
            for project in projects {
                let items = try CSBSItemRecord.filter(Column("projectId") == project.id)
                    .order(Column("resourceId"), Column("createdAt")).fetchAll(db)
                var servers: [[CSBSItemRecord]] = []
                for item in items {
                    if servers.last?.first?.resourceId == item.resourceId {
                        servers[servers.count - 1].append(item)
                    } else {
                        servers.append([item])
                    }
                }
                for backups in servers {
                    let vault = try Self.migrationVault(
                        for: backups, userID: userID, reservation: reservation, at: now,
                        ids: environment.identifiers, in: db
                    )
                    for item in backups { try Self.migrate(item, into: vault, in: db) }
                }
                try CSBSMigrationRecord(projectId: project.id, migratedAt: now).save(db)
            }
        }
    }

    /// The migration records of `projectIDs` (those migrated), by project id.
    func csbsMigrations(projectIDs: [String]) async throws -> [String: CSBSMigrationRecord] {
        try await readState { db in
            let records = try CSBSMigrationRecord.filter(projectIDs.contains(Column("projectId"))).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: records.map { ($0.projectId, $0) })
        }
    }

    /// The vault a server's CSBS backups go to (see ``migrateCSBS(projects:userID:reservation:at:environment:)``).
    private static func migrationVault(
        for backups: [CSBSItemRecord],
        userID: String,
        reservation: Double,
        at now: Int64,
        ids: IdentifierSource,
        in db: Database
    ) throws -> VaultRecord {
        guard let first = backups.first else { throw EmulatorError.internalError }
        let backupsMB = backups.reduce(0) { total, item in total + item.volumeList.reduce(0) { $0 + $1.size } }
        if let member = try VaultResourceRecord.fetchOne(db, key: first.resourceId),
            var vault = try VaultRecord.fetchOne(db, key: member.vaultId)
        {
            let neededMB = try usedMB(vaultID: vault.id, at: now, in: db) + backupsMB
            if neededMB > vault.sizeGB * 1024 {
                vault.sizeGB = sizeGB(forMB: neededMB, reservation: reservation)
                try vault.update(db)
            }
            return vault
        }
        let serverName = first.resourceName
        let scalars = serverName.unicodeScalars
        let usable = scalars.count <= WireText.maxNameLength - 5 && scalars.allSatisfy(WireText.isNameScalar)
        let vault = VaultRecord(
            id: ids.uuid(), projectId: first.projectId, userId: userID,
            name: "csbs_" + (usable ? serverName : String(first.resourceId.prefix(8))), description: nil,
            objectType: "server", protectType: "backup", consistentLevel: "crash_consistent", cloudType: "public",
            chargingMode: "post_paid", sizeGB: sizeGB(forMB: backupsMB, reservation: reservation),
            status: "available", enterpriseProjectId: "0", autoBind: false, autoExpand: false, smnNotify: true,
            threshold: 80, createdAt: now
        )
        try vault.insert(db)
        if let server = try ProtectableResource.find(
            id: first.resourceId, type: ResourceType.server, projectID: first.projectId, in: db
        ) {
            try VaultResourceRecord(
                resourceId: server.id, vaultId: vault.id, resourceType: server.type, name: server.name,
                sizeGB: server.sizeGB, extraInfo: "{}", addedAt: now
            ).insert(db)
        }
        return vault
    }

    /// GB for `megabytes` of backups plus the reservation, at least the smallest vault (10 GB).
    private static func sizeGB(forMB megabytes: Int, reservation: Double) -> Int {
        let gigabytes = (Double(megabytes) / 1024 * (1 + reservation)).rounded(.up)
        return max(VaultCreateBody.sizeRange.lowerBound, Int(gigabytes))
    }

    /// Moves one CSBS backup into `vault` as a CBR restore point, backup and disk backups, and deletes it.
    private static func migrate(_ item: CSBSItemRecord, into vault: VaultRecord, in db: Database) throws {
        let checkpoint = CheckpointRecord(
            id: item.checkpointId, projectId: item.projectId, vaultId: vault.id, name: item.name,
            description: item.description, incremental: item.incremental, autoTrigger: false, retentionDuration: -1,
            createdAt: item.createdAt, finishesAt: item.finishesAt, outcome: item.outcome, skipped: "[]"
        )
        if try !checkpoint.exists(db) { try checkpoint.insert(db) }
        let volumes = item.volumeList
        var parent = backup(
            id: item.id, of: item.resourceId, name: item.resourceName, type: ResourceType.server,
            sizeGB: volumes.reduce(0) { $0 + $1.sourceVolumeSize }, sizeMB: volumes.reduce(0) { $0 + $1.size },
            parentID: nil, checkpoint: checkpoint, incremental: item.incremental, zone: item.resourceAz,
            bootable: false
        )
        parent.restoringUntil = item.restoringUntil
        parent.deletingUntil = item.deletingUntil
        try parent.insert(db)
        for volume in volumes {
            var child = backup(
                id: volume.id, of: volume.sourceVolumeId, name: volume.sourceVolumeName, type: ResourceType.volume,
                sizeGB: volume.sourceVolumeSize, sizeMB: volume.size, parentID: item.id, checkpoint: checkpoint,
                incremental: item.incremental, zone: item.resourceAz, bootable: volume.bootable
            )
            child.restoringUntil = item.restoringUntil
            child.deletingUntil = item.deletingUntil
            try child.insert(db)
        }
        try item.delete(db)
    }
}
