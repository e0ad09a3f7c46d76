import GRDB

/// Settings of scheduled policy runs. How long the operations a run starts take (backups, retention deletions) and
/// where their ids come from is the caller's ``StoreEnvironment``.
enum PolicyScheduler {
    /// The most runs one binding fires in one evaluation: when the clock jumps past more trigger times, only the
    /// most recent this many run (like a real scheduler that was down) and the older ones are skipped. One day of
    /// the densest allowed pattern (24 times a day).
    static let catchUpLimit = 24
}

/// A policy binding's schedule position (columns of `vaultPolicy`).
private struct ScheduleRow: Decodable, FetchableRecord {
    var vaultId: String
    var policyId: String
    var nextRunAt: Int64?
    var retainAt: Int64?
    var runCount: Int
}

extension EmulatorStore {
    /// SQL: whether a binding has a run or a retention pass due at `:now` (one partial-index probe each).
    static let dueSchedulesSQL = """
        EXISTS (SELECT 1 FROM vaultPolicy WHERE nextRunAt IS NOT NULL AND nextRunAt <= :now)
        OR EXISTS (SELECT 1 FROM vaultPolicy WHERE retainAt IS NOT NULL AND retainAt <= :now)
        """

    /// Runs every scheduled backup and retention pass due by `now`, each at its own time and in time order per
    /// binding: for each trigger time passed since the last evaluation (at most
    /// ``PolicyScheduler/catchUpLimit``, the most recent), a checkpoint of the vault's resources; once a run's
    /// backups are complete, the policy's retention on the vault's automatic backups. The binding then waits for
    /// the first trigger after `now`. Called first by ``settle(at:environment:in:)``, inside the caller's write.
    /// - Parameters:
    ///   - now: The time to bring the schedules to.
    ///   - environment: The ids and durations of the backups and deletions the runs start.
    ///   - db: The caller's write.
    static func runSchedules(at now: Int64, environment: StoreEnvironment, in db: Database) throws {
        let due = try ScheduleRow.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT vaultId, policyId, nextRunAt, retainAt, runCount FROM vaultPolicy
                    WHERE (nextRunAt IS NOT NULL AND nextRunAt <= :now) OR (retainAt IS NOT NULL AND retainAt <= :now)
                    ORDER BY rowid
                    """
            ),
            arguments: ["now": now]
        )
        for row in due {
            try run(row, at: now, environment: environment, in: db)
        }
    }

    /// Sets the next run of the bindings of one policy (or of every policy) to its first trigger after `time`;
    /// `NULL` for a disabled or replication policy, which does not run.
    static func reschedule(policyID: String?, after time: Int64, in db: Database) throws {
        let policies = try policyID.map { try PolicyRecord.filter(key: $0).fetchAll(db) }
            ?? PolicyRecord.fetchAll(db, sql: "SELECT * FROM policy WHERE id IN (SELECT policyId FROM vaultPolicy)")
        for policy in policies {
            let next = policy.runsBackups ? PolicySchedule(policy)?.next(after: time) : nil
            try db.execute(
                sql: "UPDATE vaultPolicy SET nextRunAt = ? WHERE policyId = ?", arguments: [next, policy.id]
            )
        }
    }

    private static func run(_ row: ScheduleRow, at now: Int64, environment: StoreEnvironment, in db: Database) throws {
        guard let policy = try PolicyRecord.fetchOne(db, key: row.policyId),
            let vault = try VaultRecord.fetchOne(db, key: row.vaultId)
        else { return }
        let definition = WireJSON.decodeText(PolicyDefinition.self, from: policy.operationDefinition) ?? PolicyDefinition()
        let backupMicros = BackupProgress.micros(environment.durations.backup)
        var retainAt = row.retainAt
        var runCount = row.runCount
        var nextRunAt = row.nextRunAt
        if let next = row.nextRunAt, next <= now {
            let schedule = policy.runsBackups ? PolicySchedule(policy) : nil
            for time in schedule?.latest(from: next, through: now, limit: PolicyScheduler.catchUpLimit) ?? [] {
                if let pending = retainAt, pending <= time {
                    try retain(
                        vault: vault, policy: policy, definition: definition, at: pending, environment: environment,
                        in: db
                    )
                    retainAt = nil
                }
                let incremental = definition.isIncremental(run: runCount)
                let fired = try fire(
                    policy, vault: vault, at: time, incremental: incremental, backupMicros: backupMicros,
                    ids: environment.identifiers, in: db
                )
                if fired {
                    runCount += 1
                    retainAt = time + backupMicros
                }
            }
            nextRunAt = schedule?.next(after: now)
        }
        if let pending = retainAt, pending <= now {
            try retain(
                vault: vault, policy: policy, definition: definition, at: pending, environment: environment, in: db
            )
            retainAt = nil
        }
        try db.execute(
            sql: "UPDATE vaultPolicy SET nextRunAt = ?, retainAt = ?, runCount = ? WHERE vaultId = ? AND policyId = ?",
            arguments: [nextRunAt, retainAt, runCount, row.vaultId, row.policyId]
        )
    }

    /// One scheduled run at `time`: a checkpoint of every resource of the vault that follows its automatic backups
    /// (`auto_protect`, see `set-resources`) and can be backed up then, as a manual create of all resources would
    /// make, but named `autobk_xxxx`, marked `auto_trigger`, and with the policy on its tasks. Nothing happens (and
    /// nothing is logged) when the vault is not `available` or is full, or when no resource can be backed up;
    /// resources still being backed up are listed as skipped (6125).
    /// - Returns: Whether a checkpoint was made.
    private static func fire(
        _ policy: PolicyRecord,
        vault: VaultRecord,
        at time: Int64,
        incremental: Bool,
        backupMicros: Int64,
        ids: IdentifierSource,
        in db: Database
    ) throws -> Bool {
        guard vault.billingStatus == "available" else { return false }
        let all = try Self.members(of: vault.id, in: db)
        let inputs = try CheckpointInputs(vault: vault, members: all, at: time, in: db)
        guard inputs.usedMB < vault.sizeGB * 1024 else { return false }
        var members: [VaultResourceRecord] = []
        var skipped: [SkippedResource] = []
        for member in all where member.removingUntil == nil && member.autoProtect {
            guard inputs.resources[member.resourceId] != nil, !inputs.restoring.contains(member.resourceId) else {
                continue
            }
            if let busy = inputs.skippedIfProtecting(member) {
                skipped.append(busy)
            } else {
                members.append(member)
            }
        }
        guard !members.isEmpty else { return false }
        let checkpoint = CheckpointRecord(
            id: ids.orderedUUID(at: time), projectId: vault.projectId, vaultId: vault.id,
            name: "autobk_" + ids.uuid().prefix(4), description: "", incremental: incremental,
            autoTrigger: true, retentionDuration: -1, createdAt: time, finishesAt: time + backupMicros,
            outcome: CheckpointOutcome.available.rawValue, skipped: WireJSON.encodeText(skipped)
        )
        try insertCheckpoint(
            checkpoint, of: members, vault: vault, inputs: inputs, policyID: policy.id, ids: ids, in: db
        )
        return true
    }
}

extension PolicyRecord {
    /// Whether the policy makes scheduled backups: an enabled backup policy (replication policies are stored and
    /// shown but never run).
    var runsBackups: Bool {
        enabled && operationType == "backup"
    }
}

extension PolicyDefinition {
    /// Whether the scheduled run numbered `run` (0 first) is incremental: with `full_backup_interval` N > 0 every
    /// run whose number is a multiple of N + 1 is full (so N incremental runs follow each full one), with 0 every
    /// run is full, and with -1 or none only the first run is full.
    func isIncremental(run: Int) -> Bool {
        switch fullBackupInterval ?? -1 {
        case let interval where interval > 0: run % (interval + 1) != 0
        case 0: false
        default: run > 0
        }
    }
}
