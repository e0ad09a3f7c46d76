import CSBSClient

/// Backs up a vault's resources as one checkpoint (a restore point) and waits for checkpoints: what `backup` and
/// `wait ID` for a checkpoint do, without the language.
public struct CheckpointBackup: Sendable {
    public let client: BackupClient
    /// Settles the waits of a fan-out together (one backup listing per vault per round); `nil` waits with the
    /// client's own waiter (one show call per look).
    public let poller: CheckpointPoller?

    /// The schedule of a wait on a set's checkpoint (`backup server LIST wait`): the first look after a second (a
    /// set's backup is not done sooner), then each pause a twentieth longer than the one before, up to 10 s. A look
    /// then comes about a twentieth of the elapsed time (at most 10 s) after the backup ends, where the default
    /// schedule (×1.5) may come half of it late; a 20-second wait costs 15 listings of the vault and a 2-minute one
    /// about 40, one call each: most of the set form's calls, and still far fewer than a loop's.
    public static let setWaitSchedule = WaitPolicy(
        initialInterval: .seconds(1), multiplier: 1.05, maxInterval: .seconds(10)
    )

    public init(client: BackupClient, poller: CheckpointPoller? = nil) {
        self.client = client
        self.poller = poller
    }

    /// `vault` when it holds every resource in `resources`, else the vault as the service has it now, which must.
    /// - Throws: ``CheckpointBackupError/notInVault(resourceID:vault:)`` (with the vault as it is now) for the first
    ///   resource the vault does not hold; the client's error when the show call fails.
    public func vault(_ vault: Vault, holding resources: [String]) async throws -> Vault {
        guard resources.contains(where: { !vault.contains(resourceID: $0) }) else { return vault }
        let current = try await client.showVault(id: vault.id)
        if let stranger = resources.first(where: { !current.contains(resourceID: $0) }) {
            throw CheckpointBackupError.notInVault(resourceID: stranger, vault: current)
        }
        return current
    }

    /// Starts a checkpoint of the vault: of every resource, or of `parameters.resources` (which the vault must hold;
    /// see ``vault(_:holding:)``).
    public func start(_ parameters: CheckpointParameters, in vault: Vault) async throws -> Checkpoint {
        try await client.createCheckpoint(vaultID: vault.id, parameters: parameters)
    }

    /// The backups the checkpoint made, one per resource (every page of `list_backups` with its `checkpoint_id`).
    public func backups(of checkpoint: Checkpoint) async throws -> [Backup] {
        try await client.backups(BackupQuery(checkpointID: checkpoint.id), pageSize: 1000).collect()
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
    /// is known, else with the client's own waiter.
    /// - Returns: The checkpoint with its final status (`available`, or `error`).
    /// - Throws: What the waiter throws: `.waitTimeout`, the call's error, `CancellationError`.
    public func waitUntilDone(
        _ checkpoint: Checkpoint, vaultID: String?, policy: WaitPolicy, observe: @escaping WaitObserver
    ) async throws -> Checkpoint {
        let onUpdate: @Sendable (WaitUpdate<Checkpoint>) -> Void = { update in
            observe(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
        }
        if let poller, let vaultID {
            return try await poller.wait(for: checkpoint, vaultID: vaultID, timeout: policy.timeout, onUpdate: onUpdate)
        }
        return try await client.waitForCheckpoint(id: checkpoint.id, policy: policy, onUpdate: onUpdate)
    }
}

/// Why ``CheckpointBackup`` did not start a checkpoint.
public enum CheckpointBackupError: Error, Sendable, Hashable {
    /// The vault, as the service has it now, does not hold the resource.
    case notInVault(resourceID: String, vault: Vault)
}
