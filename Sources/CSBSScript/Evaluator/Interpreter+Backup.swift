import Synchronization
import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `backup [name …] [description …] [wait [timeout D]]`: creates a checkpoint of the selected vault.
    mutating func execute(_ statement: BackupStmt) async throws {
        let vault = try selectedVault(for: "backup", at: statement.range)
        let started = client.clock.now()
        let parameters = CheckpointParameters(name: statement.name.map(text), description: statement.description.map(text))
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: parameters)
        guard let wait = statement.wait else {
            output.result(record(for: checkpoint, vault: vault, elapsed: nil))
            return
        }
        output.progress("checkpoint \(checkpoint.id): \(checkpoint.status)")
        var policy = WaitPolicy.default
        policy.timeout = try wait.timeout.map(duration)
        let output = self.output
        let lastStatus = StatusMemo(checkpoint.status)
        let final: Checkpoint
        do {
            final = try await client.waitForCheckpoint(id: checkpoint.id, policy: policy) { update in
                // The final status is the result line itself; progress is what happens on the way.
                guard !update.value.isTerminal, lastStatus.changed(to: update.value.status) else { return }
                output.progress("checkpoint \(update.value.id): \(update.value.status) after \(ResultRecord.formatSeconds(update.elapsed.seconds))")
            }
        } catch is CancellationError {
            throw RuntimeFailure(
                category: .interrupted,
                diagnostic: Diagnostic(RuntimeMessages.interrupted("waiting for checkpoint \(checkpoint.id)"), range: wait.range)
            )
        } catch let error as CSBSError where error.kind == .waitTimeout {
            throw RuntimeFailure(
                category: .waitTimeout, diagnostic: Diagnostic(RuntimeMessages.waitTimeout(error), range: wait.range),
                underlying: error
            )
        }
        let elapsed = started.duration(to: client.clock.now())
        output.result(record(for: final, vault: vault, elapsed: elapsed))
        if final.status != Checkpoint.successStatus {
            throw RuntimeFailure(
                category: .command,
                diagnostic: Diagnostic(RuntimeMessages.backupFailed(final.id, status: final.status), range: statement.range)
            )
        }
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
