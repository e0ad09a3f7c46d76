import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `backup [name …] [description …] [full|incremental] [server ID…] [wait [timeout D]]`: creates a checkpoint
    /// of the selected vault, of every resource or only of the ones named (which must be in the vault).
    mutating func execute(_ statement: BackupStmt) async throws -> ResultRecord {
        var vault = try selectedVault(for: "backup", at: statement.range)
        let name = try statement.name.map { try nameValue($0, of: .backup, what: "the backup name") }
        let description = try statement.description.map { try stringValue($0, what: "the description") }
        var policy = WaitPolicy.default
        policy.timeout = try statement.wait?.timeout.map(durationValue)
        let backup = CheckpointBackup(client: client, poller: fanOut?.poller)
        var resources: [String]?
        if !statement.resources.isEmpty {
            let ids = try resourceIDs(statement.resources)
            do {
                vault = try await backup.vault(vault, holding: ids)
            } catch CheckpointBackupError.notInVault(let stranger, let current) {
                context.vault = current
                let range = statement.resources.first { (try? resourceIDs([$0]))?.contains(stranger) == true }?.range
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
            return CheckpointPresenter.backup(checkpoint, vault: vault)
        }
        // A checkpoint the service created already finished (an instant backup) needs no poll.
        let final = checkpoint.isTerminal
            ? checkpoint
            : try await waitReporting(
                "checkpoint \(checkpoint.id)", initial: checkpoint.status, range: wait.range,
                leaves: .keepsRunning(noun: "checkpoint", resume: checkpoint.id)
            ) { onUpdate in
                try await backup.waitUntilDone(checkpoint, vaultID: vault.id, policy: policy, observe: onUpdate)
            }
        let elapsed = started.duration(to: client.clock.now())
        let result = CheckpointPresenter.backup(final, vault: vault, elapsed: elapsed)
        if final.status != Checkpoint.successStatus {
            output.result(result)
            throw RuntimeFailure.command(RuntimeMessages.backupFailed(final.id, status: final.status), at: statement.range)
        }
        return result
    }

    /// The IDs that `server ID…` names: each value an ID or a list of IDs, duplicates dropped, order kept.
    func resourceIDs(_ values: [Expr]) throws -> [String] {
        var ids: [String] = []
        for expr in values {
            let value = try evaluate(expr)
            let items: [Value]
            if case .list(let list) = value { items = list } else { items = [value] }
            for item in items {
                switch item {
                case .string(let id) where !id.isEmpty:
                    if !ids.contains(id) { ids.append(id) }
                default:
                    throw RuntimeFailure.typeMismatch(
                        "a resource ID must be text, not \(Self.described(item))", at: expr.range
                    )
                }
            }
        }
        return ids
    }
}
