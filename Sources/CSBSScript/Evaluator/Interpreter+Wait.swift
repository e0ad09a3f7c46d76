import CSBSClient
import CSBSSyntax
import Synchronization

extension Interpreter {
    /// `wait [ID] [timeout D]`: waits for a checkpoint (or a single backup) to finish; without ID, for the
    /// session's last `backup`. A checkpoint or backup that ends in `error` is a failure.
    mutating func execute(_ statement: WaitStmt) async throws -> ResultRecord {
        let id: String
        if let expr = statement.id {
            id = try await stringValue(expr, what: "the checkpoint or backup ID")
        } else if let last = context.lastCheckpointID {
            id = last
        } else {
            throw RuntimeFailure.command(RuntimeMessages.nothingToWaitFor, at: statement.range)
        }
        var policy = WaitPolicy.default
        policy.timeout = try await durationValue(statement.timeout)
        let started = client.clock.now()
        let kind: String
        let status: String
        var service = "cbr"
        let backup = CheckpointBackup(client: client, poller: fanOut?.poller)
        if let checkpoint = try await backup.find(id) {
            kind = "checkpoint"
            let vaultID = checkpoint.vault?.id ?? (statement.id == nil ? context.vault?.id : nil)
            status = try await waitReporting(
                "checkpoint \(id)", initial: checkpoint.status, initialIsFinal: checkpoint.isTerminal, range: statement.range,
                leaves: .keepsRunning(noun: "checkpoint", resume: id)
            ) { onUpdate in
                try await backup.waitUntilDone(checkpoint, vaultID: vaultID, policy: policy, observe: onUpdate)
            }.status
        } else {
            let handle = try await findBackup(id, at: statement.id?.range ?? statement.range)
            kind = "backup"
            service = handle.service
            status = try await waitReporting(
                "\(handle.noun) \(handle.id)", initial: handle.status, initialIsFinal: handle.isTerminal, range: statement.range,
                leaves: .keepsRunning(noun: handle.noun, resume: handle.id)
            ) { onUpdate in
                try await handle.waitUntilDone(policy: policy, on: client, observe: onUpdate)
            }
        }
        let elapsed = started.duration(to: client.clock.now())
        let result = CheckpointPresenter.waited(kind: kind, id: id, status: status, service: service, elapsed: elapsed)
        if status != Checkpoint.successStatus {
            output.result(result)
            throw RuntimeFailure.command(RuntimeMessages.waitEndedBadly(kind, id, status: status), at: statement.range)
        }
        return result
    }

    /// Runs a client wait, showing a live status line on every poll and a progress line on every change of
    /// status, and turns a timeout or an interruption into a failure located at `range`.
    ///
    /// - Parameters:
    ///   - initial: The status found before the wait, shown as its first progress line unless `initialIsFinal`
    ///     (`wait` for what is done already: the result line says it, as for a wait that ends).
    ///   - left: What Ctrl-C during the wait leaves running, for the message.
    func waitReporting<T>(
        _ label: String, initial: String, initialIsFinal: Bool = false, range: SourceRange, leaves left: Interruption,
        _ body: (@escaping WaitObserver) async throws -> T
    ) async throws -> T {
        if !initialIsFinal { output.progress("\(label): \(initial)") }
        let output = self.output
        let lastStatus = StatusMemo(initial)
        defer { output.endStatus() }
        do {
            return try await body { status, isTerminal, elapsed, progress in
                // The final status is the result line itself; progress is what happens on the way.
                guard !isTerminal else { return }
                let percent = progress.map { " \($0)%" } ?? ""
                output.status("\(label): \(status)\(percent), \(ResultRecord.formatSeconds(elapsed.seconds))")
                guard lastStatus.changed(to: status) else { return }
                output.progress("\(label): \(status) after \(ResultRecord.formatSeconds(elapsed.seconds))")
            }
        } catch is CancellationError {
            throw RuntimeFailure.interrupted("waiting for \(label)", then: left, at: range)
        } catch let error as ClientError where error.kind == .waitTimeout {
            throw RuntimeFailure.waitTimeout(error, at: range)
        }
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
