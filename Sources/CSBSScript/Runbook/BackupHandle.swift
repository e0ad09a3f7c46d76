import CSBSClient

/// A backup that an ID names, in whichever service holds it: a CBR backup or a CSBS v1 backup (checkpoint item).
/// Restoring, deleting and waiting go through the handle, so the difference between the services lives here.
/// ``BackupLookup`` finds one.
public enum BackupHandle: Sendable, Hashable {
    case cbr(Backup)
    case csbs(CSBSv1CheckpointItem)

    /// The backup's ID.
    public var id: String {
        switch self {
        case .cbr(let backup): backup.id
        case .csbs(let item): item.id
        }
    }

    /// `cbr` or `csbs`.
    public var service: String {
        switch self {
        case .cbr: "cbr"
        case .csbs: "csbs"
        }
    }

    /// How people call it: `backup` or `CSBS backup`.
    public var noun: String {
        switch self {
        case .cbr: "backup"
        case .csbs: "CSBS backup"
        }
    }

    /// The status when it was found (`unknown` when CBR gave none).
    public var status: String {
        switch self {
        case .cbr(let backup): backup.status ?? "unknown"
        case .csbs(let item): item.status
        }
    }

    /// Whether the status when it was found no longer changes by itself (`available`, `error`).
    public var isTerminal: Bool {
        switch self {
        case .cbr(let backup): backup.isTerminal
        case .csbs(let item): item.isTerminal
        }
    }

    /// Deletes the backup (for CSBS with its record ID and backup ID, as the API wants them).
    public func delete(on client: BackupClient) async throws {
        switch self {
        case .cbr(let backup): try await client.deleteBackup(id: backup.id)
        case .csbs(let item): try await client.deleteCSBSBackup(checkpointID: item.checkpointID, itemID: item.id)
        }
    }

    /// Waits until the service no longer knows the backup. CSBS reports no steps on the way.
    public func waitForDeletion(policy: WaitPolicy, on client: BackupClient, observe: @escaping WaitObserver) async throws {
        switch self {
        case .cbr(let backup):
            try await client.waitForBackupDeletion(id: backup.id, policy: policy) { update in
                observe(update.value.status ?? "deleting", false, update.elapsed, update.progress)
            }
        case .csbs(let item):
            try await client.waitForCheckpointItemDeletion(id: item.id, policy: policy)
        }
    }

    /// Waits until the backup is done (available or failed); its final status.
    public func waitUntilDone(policy: WaitPolicy, on client: BackupClient, observe: @escaping WaitObserver) async throws -> String {
        switch self {
        case .cbr(let backup):
            try await client.waitForBackup(id: backup.id, policy: policy) { update in
                observe(update.value.status ?? "unknown", update.value.isTerminal, update.elapsed, update.progress)
            }.status ?? "unknown"
        case .csbs(let item):
            try await client.waitForCheckpointItem(id: item.id, policy: policy) { update in
                observe(update.value.status, update.value.isTerminal, update.elapsed, nil)
            }.status
        }
    }

    /// Waits until a restore of the backup ends; its final status (`available` when it went well).
    public func waitForRestore(policy: WaitPolicy, on client: BackupClient, observe: @escaping WaitObserver) async throws -> String {
        switch self {
        case .cbr(let backup):
            try await client.waitForRestore(backupID: backup.id, policy: policy) { update in
                // The status the restore ends in is the result line's, as for the other waits: not a progress line.
                observe(update.value.status ?? "restoring", !update.value.isBeingRestored, update.elapsed, update.progress)
            }.status ?? "unknown"
        case .csbs(let item):
            try await client.waitForCheckpointItem(id: item.id, policy: policy) { update in
                observe(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
            }.status
        }
    }
}
