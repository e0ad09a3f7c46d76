import CSBSClient

/// Backs up a vault's resources as one checkpoint (a restore point) and waits for checkpoints: what `backup` and
/// `wait ID` for a checkpoint do, without the language.
public struct CheckpointBackup: Sendable {
    public let client: BackupClient
    /// Settles the waits of a fan-out together (one backup listing per vault per round); `nil` waits with the
    /// client's own waiter (one show call per look).
    public let poller: CheckpointPoller?

    /// The schedule of a wait on a set's checkpoint (`backup server LIST wait`): the first look a second after the
    /// checkpoint was asked for (a set's backup is not done sooner; timed from the request, not from its answer,
    /// which for 1,000 servers takes a tenth of a 2 s backup), then each pause a twentieth longer than the one
    /// before, up to 10 s, each look moved to just after the nearest whole second (``WaitPolicy/looksOnWholeSeconds``):
    /// looks at 1.01 s, 2.02 s, 3.03 s … 8.08 s, 10.1 s, 12.12 s … 20.2 s, where the default schedule (×1.5) may
    /// come half the backup's time late. A 2 s backup is seen done at the second look, 20 ms after its end (50 ms
    /// before the looks were moved); a 20-second wait costs 14 listings of the vault (15 before) and a 2-minute one
    /// about 40, one call each: most of the set form's calls, and still far fewer than a loop's.
    public static let setWaitSchedule = WaitPolicy(
        initialInterval: .seconds(1), multiplier: 1.05, maxInterval: .seconds(10), looksOnWholeSeconds: true
    )

    public init(client: BackupClient, poller: CheckpointPoller? = nil) {
        self.client = client
        self.poller = poller
    }

    /// `vault` when it holds every resource in `resources`, else the vault as the service has it now, which must.
    /// - Throws: ``CheckpointBackupError/notInVault(resourceID:vault:)`` (with the vault as it is now) for the first
    ///   resource the vault does not hold; the client's error when the show call fails.
    public func vault(_ vault: Vault, holding resources: [String]) async throws -> Vault {
        let held = vault.resourceIDs
        guard resources.contains(where: { !held.contains($0) }) else { return vault }
        let current = try await client.showVault(id: vault.id)
        let now = current.resourceIDs
        if let stranger = resources.first(where: { !now.contains($0) }) {
            throw CheckpointBackupError.notInVault(resourceID: stranger, vault: current)
        }
        return current
    }

    /// Starts a checkpoint of the vault: of every resource, or of `parameters.resources` (which the vault must hold;
    /// see ``vault(_:holding:)``).
    public func start(_ parameters: CheckpointParameters, in vault: Vault) async throws -> Checkpoint {
        try await client.createCheckpoint(vaultID: vault.id, parameters: parameters)
    }

    /// The backups the checkpoint made, one per resource (every page of `list_backups` with its `checkpoint_id`), as
    /// summaries: what the poller's listings give too.
    public func backups(of checkpoint: Checkpoint) async throws -> [BackupSummary] {
        try await client.backupSummaries(BackupQuery(checkpointID: checkpoint.id), pageSize: 1000).collect()
    }

    /// The backups the checkpoint made, one per resource: `seen` (what the listing that found the checkpoint done
    /// showed of it, ``CheckpointWaitOutcome/backups``) when it has a backup of every resource the create answer
    /// (`created`) named, else ``backups(of:)`` (one more listing: the wait was settled by a show call, or the
    /// listing may have missed some).
    public func backups(of created: Checkpoint, seen: [BackupSummary]?) async throws -> [BackupSummary] {
        if let seen, let resources = created.vault?.resources, !resources.isEmpty {
            let listed = Set(seen.compactMap(\.resourceID))
            if resources.allSatisfy({ listed.contains($0.id) }) { return seen }
        }
        return try await backups(of: created)
    }

    /// The checkpoint with this ID, or `nil` when the service knows none (the ID may be a backup's).
    public func find(_ id: String) async throws -> Checkpoint? {
        do {
            return try await client.showCheckpoint(id: id)
        } catch let error as ClientError where error.status == 404 {
            return nil
        }
    }

    /// Waits until the checkpoint is done, reporting each look: through ``poller`` when there is one and the vault
    /// is known (its looks timed from `requested`, when the create call was sent, if known), else with the client's
    /// own waiter.
    /// - Returns: The checkpoint with its final status (`available`, or `error`).
    /// - Throws: What the waiter throws: `.waitTimeout`, the call's error, `CancellationError`.
    public func waitUntilDone(
        _ checkpoint: Checkpoint, vaultID: String?, policy: WaitPolicy, requested: ContinuousClock.Instant? = nil,
        observe: @escaping WaitObserver
    ) async throws -> Checkpoint {
        try await waitWithBackups(
            checkpoint, vaultID: vaultID, policy: policy, requested: requested, observe: observe
        ).checkpoint
    }

    /// Waits as ``waitUntilDone(_:vaultID:policy:requested:observe:)`` does; with the poller, the outcome also holds the
    /// checkpoint's backups as the listing that found it done showed them (for ``backups(of:seen:)``).
    public func waitWithBackups(
        _ checkpoint: Checkpoint, vaultID: String?, policy: WaitPolicy, requested: ContinuousClock.Instant? = nil,
        observe: @escaping WaitObserver
    ) async throws -> CheckpointWaitOutcome {
        let onUpdate: @Sendable (WaitUpdate<Checkpoint>) -> Void = { update in
            observe(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
        }
        if let poller, let vaultID {
            return try await poller.waitWithBackups(
                for: checkpoint, vaultID: vaultID, timeout: policy.timeout, requested: requested, onUpdate: onUpdate
            )
        }
        let final = try await client.waitForCheckpoint(id: checkpoint.id, policy: policy, onUpdate: onUpdate)
        return CheckpointWaitOutcome(checkpoint: final, backups: nil)
    }
}

/// Why ``CheckpointBackup`` did not start a checkpoint.
public enum CheckpointBackupError: Error, Sendable, Hashable {
    /// The vault, as the service has it now, does not hold the resource.
    case notInVault(resourceID: String, vault: Vault)
}
