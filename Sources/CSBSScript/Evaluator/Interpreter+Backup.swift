import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `backup [name …] [description …] [full|incremental] [server ID…] [wait [timeout D]]`: creates a checkpoint
    /// of the selected vault, of every resource or only of the ones named (which must be in the vault).
    mutating func execute(_ statement: BackupStmt) async throws -> ResultRecord {
        var vault = try selectedVault(for: "backup", at: statement.range)
        let name = try await nameValue(statement.name, of: .backup, what: "the backup name")
        let description = try await stringValue(statement.description, what: "the description")
        var policy = WaitPolicy.default
        policy.timeout = try await durationValue(statement.wait?.timeout)
        let (ids, isSet) = statement.resources.isEmpty ? ([], false) : try await resourceSet(statement.resources)
        // The set form waits with the poller (one listing per vault per round; outside a fan-out its own, on the
        // set's schedule).
        let poller = fanOut?.poller
            ?? (isSet && statement.wait != nil
                ? CheckpointPoller(client: client, policy: CheckpointBackup.setWaitSchedule) : nil)
        let backup = CheckpointBackup(client: client, poller: poller)
        var resources: [String]?
        if !statement.resources.isEmpty {
            do {
                vault = try await backup.vault(vault, holding: ids)
            } catch CheckpointBackupError.notInVault(let stranger, let current) {
                context.vault = current
                var range: SourceRange?
                for resource in statement.resources where (try? await resourceIDs([resource]))?.contains(stranger) == true {
                    range = resource.range
                    break
                }
                throw RuntimeFailure.badArgument(
                    "\(stranger) is not in vault \"\(current.name)\"; `attach server \(stranger)` adds it first",
                    at: range ?? statement.range
                )
            }
            context.vault = vault
            resources = ids
        }
        let started = client.clock.now()
        let parameters = CheckpointParameters(
            name: name, description: description, incremental: statement.incremental, resources: resources
        )
        let checkpoint = try await backup.start(parameters, in: vault)
        context.lastCheckpointID = checkpoint.id
        guard let wait = statement.wait else {
            var result = CheckpointPresenter.backup(checkpoint, vault: vault)
            if isSet { CheckpointPresenter.add(backups: nil, skipped: checkpoint, to: &result) }
            return result
        }
        // A checkpoint the service created already finished (an instant backup) needs no poll.
        let outcome = checkpoint.isTerminal
            ? CheckpointWaitOutcome(checkpoint: checkpoint, backups: nil)
            : try await waitReporting(
                "checkpoint \(checkpoint.id)", initial: checkpoint.status, range: wait.range,
                leaves: .keepsRunning(noun: "checkpoint", resume: checkpoint.id)
            ) { onUpdate in
                try await backup.waitWithBackups(
                    checkpoint, vaultID: vault.id, policy: policy, requested: started, observe: onUpdate
                )
            }
        let final = outcome.checkpoint
        let elapsed = started.duration(to: client.clock.now())
        var result = CheckpointPresenter.backup(final, vault: vault, elapsed: elapsed)
        if isSet {
            // Each resource's backup, as the service listed it once the checkpoint was done: the listing that found
            // it done when that shows every resource's, else one more listing.
            let backups = try await backup.backups(of: checkpoint, seen: outcome.backups)
            CheckpointPresenter.add(backups: backups, skipped: checkpoint, to: &result)
        }
        if final.status != Checkpoint.successStatus {
            output.result(result)
            var failure = RuntimeFailure.command(
                RuntimeMessages.backupFailed(final.id, status: final.status), at: statement.range
            )
            // For a set, which servers' backups did not end available: `$error.result.backups`.
            failure.result = result
            throw failure
        }
        return result
    }

    /// The IDs that `server ID…` names: each value an ID or a list of IDs (or of records with an `id`, as `servers`
    /// lists them), duplicates dropped, order kept.
    mutating func resourceIDs(_ values: [Expr]) async throws -> [String] {
        try await resourceSet(values).ids
    }

    /// The IDs that `server ID…` names (see ``resourceIDs(_:)``), and whether they are a set: several values, or a
    /// list (even of one ID or none) — the set form of `attach`.
    mutating func resourceSet(_ values: [Expr]) async throws -> (ids: [String], isSet: Bool) {
        var ids: [String] = []
        var seen = Set<String>()
        var isSet = values.count > 1
        for expr in values {
            let value = try await evaluate(expr)
            let items: [Value]
            if case .list(let list) = value {
                items = list
                isSet = true
            } else {
                items = [value]
            }
            for item in items {
                switch item {
                case .string(let id) where !id.isEmpty:
                    if seen.insert(id).inserted { ids.append(id) }
                case .record(let record):
                    // A row of `servers` (or any record with an `id`): its ID.
                    guard case .string(let id)? = record["id"], !id.isEmpty else {
                        throw RuntimeFailure.typeMismatch("a resource record needs a text `id` field", at: expr.range)
                    }
                    if seen.insert(id).inserted { ids.append(id) }
                default:
                    throw RuntimeFailure.typeMismatch(
                        "a resource ID must be text, not \(Self.described(item))", at: expr.range
                    )
                }
            }
        }
        return (ids, isSet)
    }
}
