/// A checkpoint with what its wire form needs.
struct CheckpointDetails: Sendable, Equatable {
    var checkpoint: CheckpointRecord
    var vault: VaultRecord
    /// The checkpoint's top-level backups (one per resource), in resource order.
    var backups: [BackupRecord]
    /// Top-level backups of the same vault created before this checkpoint (for per-resource counts).
    var earlierBackups: [BackupRecord]
}

/// What `POST /v3/{project_id}/checkpoints` asks for, after validation of the body.
struct CheckpointRequest: Sendable, Equatable {
    var vaultID: String
    var name: String
    var description: String
    var incremental: Bool
    var autoTrigger: Bool
    /// Resource ids to back up; `nil` means every resource of the vault.
    var resourceIDs: [String]?
}
