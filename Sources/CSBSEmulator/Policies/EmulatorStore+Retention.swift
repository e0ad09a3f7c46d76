import GRDB

extension EmulatorStore {
    /// Enforces a policy's retention on a vault at `time`, per resource, over the vault's **automatic** backups
    /// that are complete and `available` by then (manual backups, failed ones and those still protecting or
    /// already deleting are neither counted nor deleted). Each expired backup is deleted as a manual delete would
    /// be: it and its disk backups turn `deleting` for the configured delete duration, then are gone, with a
    /// `delete` task, its duration and ids from `environment`. A backup being restored at `time` is left for the next
    /// pass.
    static func retain(
        vault: VaultRecord,
        policy: PolicyRecord,
        definition: PolicyDefinition,
        at time: Int64,
        environment: StoreEnvironment,
        in db: Database
    ) throws {
        let rule = RetentionRule(definition)
        guard rule.limits else { return }
        let backups = try BackupRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM backup INDEXED BY backup_history
                    WHERE vaultId = ? AND parentId IS NULL AND autoTrigger AND deletingUntil IS NULL
                    AND finishesAt <= ? AND outcome = 'available'
                    ORDER BY resourceId, createdAt DESC, rowid DESC
                    """
            ),
            arguments: [vault.id, time]
        )
        let deleteMicros = BackupProgress.micros(environment.durations.delete)
        // Rows come ordered by resource, so each resource's backups are one run of rows (kept in order, so the
        // tasks and ids come out the same on every run).
        var groups: [[BackupRecord]] = []
        for backup in backups {
            if backup.resourceId == groups.last?.last?.resourceId { groups[groups.count - 1].append(backup) } else {
                groups.append([backup])
            }
        }
        for group in groups {
            for index in rule.expired(group.map(\.createdAt), at: time) {
                let backup = group[index]
                if let restoringUntil = backup.restoringUntil, restoringUntil > time { continue }
                try family(of: backup, in: db).updateAll(
                    db, Column("deletingUntil").set(to: time + deleteMicros), Column("updatedAt").set(to: time)
                )
                var task = OperationLogRecord(
                    type: "delete", backup: backup, vault: vault, startedAt: time, finishesAt: time + deleteMicros,
                    ids: environment.identifiers
                )
                task.policyId = policy.id
                try task.insert(db)
            }
        }
    }
}
