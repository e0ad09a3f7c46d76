import FoundationEssentials

/// Waits on many checkpoints at once without polling each one: per round it lists the backups of each vault
/// that has waits due (`GET /v3/{project_id}/backups?vault_id=…&start_time=…`, every page) and settles every
/// waiting checkpoint of that vault from that one answer. A checkpoint the listing does not mention (its backups
/// are not listed yet, or its creation time is unknown) is asked for with a show call instead.
///
/// A checkpoint is done when none of its backups is `protecting` or `waiting_protect`; it ends `error` when
/// one of them is `error`, else `available` (the statuses the service derives the checkpoint's from).
///
/// Each wait keeps its own schedule (``WaitPolicy``: the first look `initialInterval` after the checkpoint was asked
/// for, when the caller says when that was, else after the wait began; then growing up to `maxInterval`); a round happens when the earliest wait is due and serves every wait on the same vault, so
/// the number of calls per round is one per vault, not one per checkpoint. All sleeping goes through the
/// client's ``ClientClock``; the client's pacing applies to the listing like to any call.
///
/// A look that fails (after the client's own retries) with an error that may pass on its own
/// (``ClientError/mayPassOnItsOwn``: the network, a timeout, 429, a 5xx) does not end the waits it was for: they
/// look again at their next turn, and end with the error only after ``WaitPolicy/failedLooksAllowed`` such looks
/// in a row (or at their deadline). Any other error (a vault or checkpoint that is gone, authentication) ends them
/// at once. So one bad moment of the service does not fail every wait of a fan-out on that vault.
///
/// Once a listing has shown finished backups of a vault, the shortest time one took (the service's `updated_at` −
/// `created_at`) is the vault's typical backup time, and a wait on that vault makes its next look at its own start
/// plus that time, skipping the schedule's looks before it. A fan-out of like servers then frees each slot about
/// when its backup ends, rather than up to a pause later, with one look instead of several; waits whose looks fall
/// within a twentieth of that time (at most 0.5 s) of each other share one round. A backup that takes longer than
/// the shortest goes on with the schedule after that look; one that fails sooner is seen at that look.
///
/// One poller is meant to be shared by every task of a fan-out (it is an actor); it runs its polling loop only
/// while waits are pending.
public actor CheckpointPoller {
    /// One registered wait.
    private struct Pending {
        let checkpoint: Checkpoint
        let vaultID: String
        /// When the checkpoint was created, if its `created_at` parses: the listing starts there.
        let since: Date?
        /// When the checkpoint was asked for (the create call sent), else when the wait began: the schedule's looks
        /// count from here.
        let started: ContinuousClock.Instant
        /// When the wait began: its timeout and its expected end count from here (a create call sent again after a
        /// 429 began its backup later than it was first asked for; the service's typical time is no guess for that).
        let registered: ContinuousClock.Instant
        let timeout: Duration?
        var polls = 0
        /// Failed looks since the last good one.
        var failedLooks = 0
        var nextDue: ContinuousClock.Instant
        let continuation: CheckedContinuation<CheckpointWaitOutcome, any Error>
        let onUpdate: @Sendable (WaitUpdate<Checkpoint>) -> Void

        var deadline: ContinuousClock.Instant? { timeout.map { registered.advanced(by: $0) } }
    }

    /// The backup statuses that mean a checkpoint is still being taken.
    static let busyStatuses: Set<String> = [Backup.Status.protecting.rawValue, Backup.Status.waitingProtect.rawValue]

    private let client: BackupClient
    private let policy: WaitPolicy
    private var pending: [Int: Pending] = [:]
    private var nextToken = 0
    /// The polling loop's generation: a loop whose generation is no longer current ends at its next step.
    private var generation = 0
    private var loop: Task<Void, Never>?
    /// When the running loop will wake, while it sleeps.
    private var sleepingUntil: ContinuousClock.Instant?
    /// Per vault ID, the shortest time a finished backup took in the last listing that showed one.
    private var typicalDuration: [String: Duration] = [:]

    /// Creates a poller.
    /// - Parameters:
    ///   - client: Makes the listing and show calls, and provides the clock.
    ///   - policy: The schedule of each wait; its `timeout` is ignored (each wait gives its own).
    public init(client: BackupClient, policy: WaitPolicy = .default) {
        self.client = client
        self.policy = policy
    }

    /// Waits until the checkpoint is done and returns it with its final status.
    ///
    /// - Parameters:
    ///   - checkpoint: The checkpoint as `create checkpoint` (or show) returned it.
    ///   - vaultID: The vault it belongs to: the listing is per vault.
    ///   - timeout: The longest wait; `nil` waits for as long as it takes.
    ///   - requested: When the create call was sent (the client clock's instant), if the caller knows: the
    ///     checkpoint's backups began no sooner, so the looks are timed from then and not from when its answer
    ///     came (for a 1,000-server checkpoint, a tenth of a 2 s backup). `nil` times them from now.
    ///   - onUpdate: Called on every observation (listing or show), with the status seen.
    /// - Returns: The checkpoint with its terminal status (`available` or `error`, or whatever terminal status
    ///   a show call reported).
    /// - Throws: ``ClientError`` `.waitTimeout` past the timeout; the listing's or show call's error when another
    ///   look cannot help, or after ``WaitPolicy/failedLooksAllowed`` failed looks in a row; `CancellationError` when the
    ///   calling task is cancelled.
    public func wait(
        for checkpoint: Checkpoint, vaultID: String, timeout: Duration? = nil,
        requested: ContinuousClock.Instant? = nil,
        onUpdate: @escaping @Sendable (WaitUpdate<Checkpoint>) -> Void = { _ in }
    ) async throws -> Checkpoint {
        try await waitWithBackups(
            for: checkpoint, vaultID: vaultID, timeout: timeout, requested: requested, onUpdate: onUpdate
        ).checkpoint
    }

    /// Waits as ``wait(for:vaultID:timeout:requested:onUpdate:)`` does, and returns with the checkpoint the backups of it
    /// that the listing which found it done showed (`nil` when a show call settled it, or it was already done):
    /// what `list_backups` with its `checkpoint_id` would answer at that moment, without that call.
    public func waitWithBackups(
        for checkpoint: Checkpoint, vaultID: String, timeout: Duration? = nil,
        requested: ContinuousClock.Instant? = nil,
        onUpdate: @escaping @Sendable (WaitUpdate<Checkpoint>) -> Void = { _ in }
    ) async throws -> CheckpointWaitOutcome {
        if checkpoint.isTerminal { return CheckpointWaitOutcome(checkpoint: checkpoint, backups: nil) }
        let token = nextToken
        nextToken += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                register(token, checkpoint: checkpoint, vaultID: vaultID, timeout: timeout, requested: requested,
                    onUpdate: onUpdate, continuation: continuation)
            }
        } onCancel: {
            Task { await self.cancel(token) }
        }
    }

    /// How many waits are pending.
    public var pendingCount: Int { pending.count }

    private func register(
        _ token: Int, checkpoint: Checkpoint, vaultID: String, timeout: Duration?, requested: ContinuousClock.Instant?,
        onUpdate: @escaping @Sendable (WaitUpdate<Checkpoint>) -> Void,
        continuation: CheckedContinuation<CheckpointWaitOutcome, any Error>
    ) {
        guard !Task.isCancelled else {
            continuation.resume(throwing: CancellationError())
            return
        }
        let now = client.clock.now()
        let started = requested.map { min($0, now) } ?? now
        var wait = Pending(
            checkpoint: checkpoint, vaultID: vaultID, since: checkpoint.createdAt.flatMap(WireDate.parse),
            started: started, registered: now, timeout: timeout, nextDue: now, continuation: continuation,
            onUpdate: onUpdate
        )
        // The first look: the schedule's first pause after the request (at least half of it from now).
        wait.nextDue = nextLook(of: wait, from: now, lookedAt: started)
        let due = wait.nextDue
        pending[token] = wait
        // Start the loop, or wake it early when it sleeps past this wait's first look.
        if loop == nil || sleepingUntil.map({ $0 > due }) == true {
            restartLoop()
        }
    }

    private func cancel(_ token: Int) {
        guard let wait = pending.removeValue(forKey: token) else { return }
        wait.continuation.resume(throwing: CancellationError())
        if pending.isEmpty { stopLoop() }
    }

    private func restartLoop() {
        loop?.cancel()
        generation += 1
        let mine = generation
        loop = Task { await self.run(generation: mine) }
    }

    private func stopLoop() {
        loop?.cancel()
        loop = nil
        generation += 1
        sleepingUntil = nil
    }

    /// Polls the vaults whose waits are due, then sleeps until the next wait is due; ends when no wait is left
    /// or a newer loop replaced this one.
    private func run(generation mine: Int) async {
        while generation == mine, !pending.isEmpty {
            let now = client.clock.now()
            let dueVaults = Set(pending.values.filter { $0.nextDue <= now }.map(\.vaultID)).sorted()
            for vaultID in dueVaults where generation == mine {
                await poll(vaultID: vaultID)
            }
            guard generation == mine, let wake = roundTime() else { break }
            sleepingUntil = wake
            do {
                try await client.clock.sleep(for: max(client.clock.now().duration(to: wake), .zero))
            } catch {
                return  // cancelled: replaced by a newer loop or stopped
            }
            if generation == mine { sleepingUntil = nil }
        }
        if generation == mine {
            loop = nil
            sleepingUntil = nil
        }
    }

    /// When the next round is due: when the earliest wait is, or later by up to its vault's coalescing window
    /// when more waits of that vault fall due within it, so that one listing serves them all.
    private func roundTime() -> ContinuousClock.Instant? {
        guard let earliest = pending.values.min(by: { $0.nextDue < $1.nextDue }) else { return nil }
        guard let typical = typicalDuration[earliest.vaultID] else { return earliest.nextDue }
        let window = min(typical / 20, .milliseconds(500))
        let end = earliest.nextDue.advanced(by: window)
        return pending.values.filter { $0.vaultID == earliest.vaultID && $0.nextDue <= end }.map(\.nextDue).max()
    }

    /// Learns the vault's typical backup time from the listing's finished backups (the shortest), and moves the
    /// next look of the vault's waits to their expected ends.
    private func learnDuration(of vaultID: String, from backups: [BackupSummary]) {
        var shortest: TimeInterval?
        for backup in backups where backup.status == Checkpoint.successStatus {
            guard let created = backup.createdAt.flatMap(WireDate.parse),
                let updated = backup.updatedAt.flatMap(WireDate.parse)
            else { continue }
            let took = updated.timeIntervalSince(created)
            guard took > 0, took < 86_400 else { continue }
            shortest = min(shortest ?? took, took)
        }
        guard let shortest else { return }
        typicalDuration[vaultID] = .milliseconds(Int64((shortest * 1000).rounded(.up)))
        let now = client.clock.now()
        for (token, wait) in pending where wait.vaultID == vaultID {
            pending[token]?.nextDue = nextLook(of: wait, from: now, scheduled: wait.nextDue)
        }
    }

    /// One round for one vault: one listing (all pages), then a show call for each wait it does not answer.
    private func poll(vaultID: String) async {
        let waits = pending.filter { $0.value.vaultID == vaultID }
        guard !waits.isEmpty else { return }
        let starts = waits.values.map(\.since)
        // Whole seconds in the filter: start one second early so no backup of these checkpoints is cut off.
        let since = starts.contains(nil) ? nil : starts.compactMap { $0 }.min().map { $0.addingTimeInterval(-1) }
        let lookedAt = client.clock.now()
        let backups: [BackupSummary]
        do {
            backups = try await client.backupSummaries(BackupQuery(vaultID: vaultID, startTime: since), pageSize: 1000)
                .collect()
        } catch is CancellationError {
            return
        } catch {
            for token in waits.keys.sorted() { lookFailed(token, error, lookedAt: lookedAt) }
            return
        }
        learnDuration(of: vaultID, from: backups)
        // Each backup once, should offset paging show one on two pages while backups are being created.
        var byCheckpoint: [String: [BackupSummary]] = [:]
        var listed = Set<String>()
        for backup in backups where listed.insert(backup.id).inserted {
            guard let checkpointID = backup.checkpointID else { continue }
            byCheckpoint[checkpointID, default: []].append(backup)
        }
        for (token, wait) in waits.sorted(by: { $0.key < $1.key }) where pending[token] != nil {
            if let seen = byCheckpoint[wait.checkpoint.id] {
                var checkpoint = wait.checkpoint
                checkpoint.status = Self.checkpointStatus(backupStatuses: seen.map { $0.status ?? "" })
                observe(token, checkpoint, backups: seen, lookedAt: lookedAt)
                continue
            }
            do {
                observe(token, try await client.showCheckpoint(id: wait.checkpoint.id), lookedAt: lookedAt)
            } catch is CancellationError {
                return
            } catch {
                lookFailed(token, error, lookedAt: lookedAt)
            }
        }
    }

    /// A look for this wait failed: it ends with the error when another look cannot help, after
    /// ``WaitPolicy/failedLooksAllowed`` failures in a row, or at its deadline; else it looks again at its next turn.
    private func lookFailed(_ token: Int, _ error: any Error, lookedAt: ContinuousClock.Instant) {
        guard var wait = pending[token] else { return }
        wait.failedLooks += 1
        let now = client.clock.now()
        let pastDeadline = wait.deadline.map { now >= $0 } ?? false
        let mayPass = (error as? ClientError)?.mayPassOnItsOwn ?? false
        guard mayPass, wait.failedLooks < WaitPolicy.failedLooksAllowed, !pastDeadline else {
            finish(token, with: .failure(error))
            return
        }
        wait.polls += 1
        wait.nextDue = nextLook(of: wait, from: now, lookedAt: lookedAt)
        pending[token] = wait
    }

    /// Reports an observation, then finishes the wait when the checkpoint is done or the time is up, else
    /// schedules its next look.
    ///
    /// A wait that was due, or nearly (within half its current pause), counts the observation as one of its
    /// polls and schedules the next from when the round began (so a long listing does not delay every later
    /// look); one that was not keeps its schedule, so rounds triggered by other
    /// waits do not make its pauses grow faster than they would alone.
    private func observe(
        _ token: Int, _ checkpoint: Checkpoint, backups: [BackupSummary]? = nil, lookedAt: ContinuousClock.Instant
    ) {
        guard var wait = pending[token] else { return }
        let now = client.clock.now()
        let current = pause(afterPolls: wait.polls)
        let due = wait.nextDue <= now.advanced(by: current / 2)
        if due { wait.polls += 1 }
        wait.failedLooks = 0
        let elapsed = wait.started.duration(to: now)
        wait.onUpdate(WaitUpdate(value: checkpoint, elapsed: elapsed, polls: wait.polls))
        if checkpoint.isTerminal {
            finish(token, with: .success(CheckpointWaitOutcome(checkpoint: checkpoint, backups: backups)))
            return
        }
        guard due else {
            pending[token] = wait
            return
        }
        if let timeout = wait.timeout, let deadline = wait.deadline, now >= deadline {
            let message = "checkpoint \(checkpoint.id) still not done after \(timeout)"
            finish(token, with: .failure(ClientError(kind: .waitTimeout, operation: "wait", message: message)))
            return
        }
        wait.nextDue = nextLook(of: wait, from: now, lookedAt: lookedAt)
        pending[token] = wait
    }

    private func finish(_ token: Int, with result: Result<CheckpointWaitOutcome, any Error>) {
        guard let wait = pending.removeValue(forKey: token) else { return }
        wait.continuation.resume(with: result)
    }

    /// When a wait looks next: at the expected end of its backup while that is ahead, else
    /// at `scheduled`, or its pause for the looks it has made after its last look began (`lookedAt`, else now) but
    /// at least half that pause from now, so slow listings neither add up nor follow each other without a break;
    /// never past its deadline.
    private func nextLook(
        of wait: Pending, from now: ContinuousClock.Instant, lookedAt: ContinuousClock.Instant? = nil,
        scheduled: ContinuousClock.Instant? = nil
    ) -> ContinuousClock.Instant {
        let pause = pause(afterPolls: wait.polls)
        let earliest = now.advanced(by: pause / 2)
        var next = scheduled ?? max((lookedAt ?? now).advanced(by: pause), earliest)
        if policy.looksOnWholeSeconds, scheduled == nil {
            next = Self.justAfterWholeSecond(near: next, from: wait.started, notBefore: earliest)
        }
        if let expected = expectedEnd(of: wait), expected > now {
            next = expected
        }
        return wait.deadline.map { min(next, $0) } ?? next
    }

    /// When the wait's backup should be done, by the vault's typical backup time (and ``showingDelay(after:)``
    /// more), or `nil` before a listing has shown one.
    private func expectedEnd(of wait: Pending) -> ContinuousClock.Instant? {
        guard let typical = typicalDuration[wait.vaultID] else { return nil }
        return wait.registered.advanced(by: typical + Self.showingDelay(after: typical))
    }

    /// How long after an end the service is looked at for it: a hundredth of the time it took, at least 10 ms (the
    /// request that started it reached the service a little after it was sent; the service shows the end a little
    /// after it happened).
    static func showingDelay(after duration: Duration) -> Duration {
        max(duration / 100, .milliseconds(10))
    }

    /// `candidate` moved to the nearest whole second after `start` (at least 1 s; the next one up when the nearest
    /// is before `notBefore`), plus ``showingDelay(after:)`` of it: ``WaitPolicy/looksOnWholeSeconds``.
    static func justAfterWholeSecond(
        near candidate: ContinuousClock.Instant, from start: ContinuousClock.Instant,
        notBefore earliest: ContinuousClock.Instant
    ) -> ContinuousClock.Instant {
        func look(at seconds: Double) -> ContinuousClock.Instant {
            let whole = Duration.seconds(max(1, seconds))
            return start.advanced(by: whole + showingDelay(after: whole))
        }
        let nearest = look(at: start.duration(to: candidate).seconds.rounded())
        return nearest >= earliest ? nearest : look(at: start.duration(to: earliest).seconds.rounded(.up))
    }

    /// The pause after `polls` looks: the policy's first interval before the first look, then each pause the
    /// multiplier times the one before (1 s, 1.05 s, 1.1 s… with a multiplier of 1.05: looks at 1 s, 2.05 s, 3.15 s;
    /// the second pause used to repeat the first, so a 2 s backup met a look at 2 s sharp, which saw it busy
    /// when timed from the request — ``WaitPolicy/looksOnWholeSeconds`` now adds the time the service needs to
    /// show such an end); never below 10 ms so a zero policy cannot spin.
    private func pause(afterPolls polls: Int) -> Duration {
        max(policy.interval(afterPolls: max(polls, 0) + 1), .milliseconds(10))
    }

    /// The checkpoint status its backups imply: `protecting` while any is busy, else `error` when any failed,
    /// else `available`.
    static func checkpointStatus(backupStatuses: [String]) -> String {
        if backupStatuses.contains(where: busyStatuses.contains) { return Backup.Status.protecting.rawValue }
        if backupStatuses.contains(Backup.Status.error.rawValue) { return Backup.Status.error.rawValue }
        return Checkpoint.successStatus
    }
}

/// How a wait on a checkpoint ended: the checkpoint with its final status, and the backups the listing that found it
/// done showed of it (as summaries: the poller reads its listings as ``BackupSummary``s).
public struct CheckpointWaitOutcome: Sendable {
    /// The checkpoint with its terminal status.
    public var checkpoint: Checkpoint
    /// The checkpoint's backups in the listing that settled the wait; `nil` when no listing did (a show call, or a
    /// checkpoint done before the wait).
    public var backups: [BackupSummary]?

    public init(checkpoint: Checkpoint, backups: [BackupSummary]?) {
        self.checkpoint = checkpoint
        self.backups = backups
    }
}
