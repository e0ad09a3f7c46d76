import Synchronization
import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `backup [name …] [description …] [wait [timeout D]]`: creates a checkpoint of the selected vault.
    mutating func execute(_ statement: BackupStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "backup", at: statement.range)
        let name = try statement.name.map { try stringValue($0, what: "the backup name") }
        let description = try statement.description.map { try stringValue($0, what: "the description") }
        var policy = WaitPolicy.default
        policy.timeout = try statement.wait?.timeout.map(durationValue)
        let started = client.clock.now()
        let parameters = CheckpointParameters(name: name, description: description)
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: parameters)
        context.lastCheckpointID = checkpoint.id
        guard let wait = statement.wait else {
            return record(for: checkpoint, vault: vault, elapsed: nil)
        }
        let final = try await waitReporting("checkpoint \(checkpoint.id)", initial: checkpoint.status, range: wait.range) {
            onUpdate in
            try await client.waitForCheckpoint(id: checkpoint.id, policy: policy) { update in
                onUpdate(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
            }
        }
        let elapsed = started.duration(to: client.clock.now())
        let result = record(for: final, vault: vault, elapsed: elapsed)
        if final.status != Checkpoint.successStatus {
            output.result(result)
            throw RuntimeFailure(
                category: .command,
                diagnostic: Diagnostic(RuntimeMessages.backupFailed(final.id, status: final.status), range: statement.range)
            )
        }
        return result
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
