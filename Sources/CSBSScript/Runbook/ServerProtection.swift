import CSBSClient

/// Backs up one server with CSBS v1 and waits for the backup: what `protect server ID …` does, without the
/// language.
public struct ServerProtection: Sendable {
    /// What ``protect(server:name:description:incremental:)`` started: the backup record and, when the service
    /// already lists it, its one backup.
    public struct Started: Sendable, Hashable {
        public var record: CSBSv1Checkpoint
        public var backup: CSBSv1CheckpointItem?
    }

    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// Starts a backup of `server` (a generated name when `name` is `nil`).
    public func protect(
        server: String, name: String? = nil, description: String? = nil, incremental: Bool = false
    ) async throws -> Started {
        let record = try await client.protectServer(
            id: server, name: name, description: description, incremental: incremental ? true : nil
        )
        let items = try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id))
        return Started(record: record, backup: items.first)
    }

    /// Waits until the backup is done, reporting each look with its progress; the backup as it ended
    /// (`available`, or `error`).
    public func waitUntilDone(
        _ backup: CSBSv1CheckpointItem, policy: WaitPolicy, observe: @escaping WaitObserver
    ) async throws -> CSBSv1CheckpointItem {
        try await client.waitForCheckpointItem(id: backup.id, policy: policy) { update in
            observe(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
        }
    }
}
