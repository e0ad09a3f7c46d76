import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `wait [ID] [timeout D]`: waits for a checkpoint (or a single backup) to finish; without ID, for the
    /// session's last `backup`. A checkpoint or backup that ends in `error` is a failure.
    mutating func execute(_ statement: WaitStmt) async throws -> ResultRecord {
        let id: String
        if let expr = statement.id {
            id = try stringValue(expr, what: "the checkpoint or backup ID")
        } else if let last = context.lastCheckpointID {
            id = last
        } else {
            throw RuntimeFailure.command(RuntimeMessages.nothingToWaitFor, at: statement.range)
        }
        var policy = WaitPolicy.default
        policy.timeout = try statement.timeout.map(durationValue)
        let started = client.clock.now()
        let kind: String
        let status: String
        var service = "cbr"
        if let checkpoint = try await checkpointIfAny(id) {
            kind = "checkpoint"
            status = try await waitReporting("checkpoint \(id)", initial: checkpoint.status, range: statement.range) { onUpdate in
                let vaultID = checkpoint.vault?.id ?? (statement.id == nil ? context.vault?.id : nil)
                return try await waitForCheckpoint(checkpoint, vaultID: vaultID, policy: policy) { update in
                    onUpdate(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
                }
            }.status
        } else {
            let handle = try await findBackup(id, at: statement.id?.range ?? statement.range)
            kind = "backup"
            service = handle.service
            status = try await waitReporting("\(handle.noun) \(handle.id)", initial: handle.status, range: statement.range) {
                onUpdate in
                try await handle.waitUntilDone(policy: policy, on: client, observe: onUpdate)
            }
        }
        let elapsed = started.duration(to: client.clock.now())
        let result = ResultRecord(
            kind: kind,
            fields: [
                .init("id", .string(id)), .init("status", .string(status)), .init("service", .string(service)),
                .init("elapsed_seconds", .seconds(elapsed.seconds)),
            ],
            summary: "\(kind) \(id) \(status) after \(ResultRecord.formatSeconds(elapsed.seconds))"
        )
        if status != Checkpoint.successStatus {
            output.result(result)
            throw RuntimeFailure.command(RuntimeMessages.waitEndedBadly(kind, id, status: status), at: statement.range)
        }
        return result
    }

    /// Waits until the checkpoint is done: inside a `for … parallel` body through the loop's shared
    /// ``CheckpointPoller`` (one backup listing per vault per round for all items), elsewhere, or when the vault is
    /// unknown, with the client's own waiter (one show call per poll).
    /// - Parameters:
    ///   - checkpoint: The checkpoint as created or shown.
    ///   - vaultID: Its vault, if known.
    ///   - policy: The poll schedule and timeout.
    ///   - onUpdate: Called on every observation.
    /// - Returns: The checkpoint with its final status.
    /// - Throws: What the waiter throws: `.waitTimeout`, the call's error, `CancellationError`.
    func waitForCheckpoint(
        _ checkpoint: Checkpoint, vaultID: String?, policy: WaitPolicy,
        onUpdate: @escaping @Sendable (WaitUpdate<Checkpoint>) -> Void
    ) async throws -> Checkpoint {
        if let poller = fanOut?.poller, let vaultID {
            return try await poller.wait(for: checkpoint, vaultID: vaultID, timeout: policy.timeout, onUpdate: onUpdate)
        }
        return try await client.waitForCheckpoint(id: checkpoint.id, policy: policy, onUpdate: onUpdate)
    }

    /// The checkpoint with this ID, or `nil` when the service knows none (it may be a backup's ID).
    func checkpointIfAny(_ id: String) async throws -> Checkpoint? {
        do {
            return try await client.showCheckpoint(id: id)
        } catch let error as ClientError where error.status == 404 {
            return nil
        }
    }

    /// Runs a client wait, showing a live status line on every poll and a progress line on every change of
    /// status, and turns a timeout or an interruption into a failure located at `range`.
    func waitReporting<T>(
        _ label: String, initial: String, range: SourceRange, _ body: (@escaping WaitObserver) async throws -> T
    ) async throws -> T {
        output.progress("\(label): \(initial)")
        let output = self.output
        let lastStatus = StatusMemo(initial)
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
            throw RuntimeFailure.interrupted("waiting for \(label)", at: range)
        } catch let error as ClientError where error.kind == .waitTimeout {
            throw RuntimeFailure.waitTimeout(error, at: range)
        }
    }
}
