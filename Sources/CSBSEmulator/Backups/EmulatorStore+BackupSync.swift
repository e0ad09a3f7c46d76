import GRDB

/// Hybrid-cloud synchronization (`import_checkpoint`, `import_backup`), simulated: the emulator has no on-premises
/// backup storage unit, so a synchronization finds nothing to import. It writes a `sync` task, finished at once,
/// whose `extra_info.sync` counts no backup synchronized, deleted or failed.
extension EmulatorStore {
    /// Synchronizes a hybrid-cloud vault: a `sync` task naming the vault.
    /// - Returns: The task's id.
    /// - Throws: 6105 (no such vault), 6112 (being deleted), 9900 (not a hybrid-cloud vault: the code is
    ///   **inferred**).
    func syncVault(
        id vaultID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> String {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            guard vault.cloudType == "hybrid" else {
                throw EmulatorError.invalidParameter("The vault \(vault.id) is not a hybrid-cloud vault.")
            }
            let task = OperationLogRecord(
                type: "sync", vault: vault,
                resource: (id: vault.id, name: vault.name, type: Self.resourceType(ofVault: vault)),
                count: 0, startedAt: now, finishesAt: now, ids: environment.identifiers
            )
            try task.insert(db)
            return task.id
        }
    }

    /// Synchronizes on-premises backups: one `sync` task per backup, naming its resource and backup (no vault: the
    /// request names none, and the emulator has no on-premises resources to find one by).
    /// - Returns: The tasks' ids, in request order.
    func syncBackups(_ backups: [BackupSync], projectID: String, at now: Int64, environment: StoreEnvironment)
        async throws -> [String]
    {
        try await writeState { db in
            let ids = environment.identifiers
            return try backups.map { backup in
                let task = OperationLogRecord(
                    id: ids.orderedUUID(at: now), projectId: projectID, operationType: "sync",
                    providerId: ResourceType.providerID(objectType: "vmware"), vaultId: nil, vaultName: nil,
                    checkpointId: nil, policyId: nil, resourceId: backup.resourceID, resourceName: backup.resourceName,
                    resourceType: backup.resourceType, backupId: backup.backupID, backupName: backup.backupName,
                    incremental: nil, targetResourceId: nil, targetResourceName: nil, totalCount: 0,
                    requestId: "req-" + ids.uuid(), startedAt: now, finishesAt: now, outcome: "success",
                    errorCode: "", errorMessage: ""
                )
                try task.insert(db)
                return task.id
            }
        }
    }
}
