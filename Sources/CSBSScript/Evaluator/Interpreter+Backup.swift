import Synchronization
import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `backup [name …] [description …] [full|incremental] [server ID…] [wait [timeout D]]`: creates a checkpoint
    /// of the selected vault, of every resource or only of the ones named (which must be in the vault).
    mutating func execute(_ statement: BackupStmt) async throws -> ResultRecord {
        var vault = try selectedVault(for: "backup", at: statement.range)
        let name = try statement.name.map { try stringValue($0, what: "the backup name") }
        let description = try statement.description.map { try stringValue($0, what: "the description") }
        var policy = WaitPolicy.default
        policy.timeout = try statement.wait?.timeout.map(durationValue)
        var resources: [String]?
        if !statement.resources.isEmpty {
            let ids = try resourceIDs(statement.resources)
            if ids.contains(where: { !vault.contains(resourceID: $0) }) {
                vault = try await client.showVault(id: vault.id)
                context.vault = vault
            }
            if let stranger = ids.first(where: { !vault.contains(resourceID: $0) }) {
                let range = statement.resources.first { (try? resourceIDs([$0]))?.contains(stranger) == true }?.range
                throw RuntimeFailure.badArgument(
                    "\(stranger) is not in vault \"\(vault.name)\"; `attach server \(stranger)` adds it first",
                    at: range ?? statement.range
                )
            }
            resources = ids
        }
        let started = client.clock.now()
        let parameters = CheckpointParameters(
            name: name, description: description, incremental: statement.incremental, resources: resources
        )
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: parameters)
        context.lastCheckpointID = checkpoint.id
        guard let wait = statement.wait else {
            return record(for: checkpoint, vault: vault, elapsed: nil)
        }
        // A checkpoint the service created already finished (an instant backup) needs no poll.
        let final = checkpoint.isTerminal
            ? checkpoint
            : try await waitReporting("checkpoint \(checkpoint.id)", initial: checkpoint.status, range: wait.range) {
                onUpdate in
                try await waitForCheckpoint(checkpoint, vaultID: vault.id, policy: policy) { update in
                    onUpdate(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
                }
            }
        let elapsed = started.duration(to: client.clock.now())
        let result = record(for: final, vault: vault, elapsed: elapsed)
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
                        "a resource ID must be text, not \(item.typeName) \(Self.quote(item))", at: expr.range
                    )
                }
            }
        }
        return ids
    }

    private func record(for checkpoint: Checkpoint, vault: Vault, elapsed: Duration?) -> ResultRecord {
        var fields: [ResultRecord.Field] = [
            .init("id", .string(checkpoint.id)), .init("status", .string(checkpoint.status)),
            .init("vault_id", .string(vault.id)),
        ]
        var summary = "checkpoint \(checkpoint.id) \(checkpoint.status)"
        if let elapsed {
            fields.append(.init("elapsed_seconds", .seconds(elapsed.seconds)))
            summary += " after \(ResultRecord.formatSeconds(elapsed.seconds))"
        }
        summary += " in vault \"\(vault.name)\""
        return ResultRecord(kind: "checkpoint", fields: fields, summary: summary)
    }
}

/// Remembers the last status seen so progress is reported on changes only.
final class StatusMemo: Sendable {
    private let last: Mutex<String>

    init(_ initial: String) {
        last = Mutex(initial)
    }

    /// Records `status`; true when it differs from the previous one.
    func changed(to status: String) -> Bool {
        last.withLock { last in
            defer { last = status }
            return last != status
        }
    }
}
