/// A checkpoint with what its wire form needs.
struct CheckpointDetails: Sendable, Equatable {
    var checkpoint: CheckpointRecord
    var vault: VaultRecord
    /// The checkpoint's top-level backups (one per resource), in resource order.
    var backups: [BackupRecord]
    /// Per resource id: the top-level backups of the same vault created before this checkpoint that hold data
    /// at the time of reading (their count and MB).
    var earlier: [String: ResourceHistory]
}

/// How many backups of a resource hold data, and how many MB they occupy.
struct ResourceHistory: Sendable, Equatable {
    var count = 0
    var sizeMB = 0
}

/// What `POST /v3/{project_id}/checkpoints` asks for, after validation of the body.
struct CheckpointRequest: Sendable, Equatable {
    var vaultID: String
    var name: String
    var description: String
    var incremental: Bool
    var autoTrigger: Bool
    /// `retention_duration_days`: days until the backups expire; `-1` is never.
    var retentionDays = -1
    /// Resource ids to back up; `nil` means every resource of the vault.
    var resourceIDs: [String]?
    /// The planned final status of the checkpoint and its backups.
    var outcome: CheckpointOutcome = .available
}

/// The planned final status of a new checkpoint and its backups (after `durations.backup`).
///
/// Fault injection plans an `error` outcome for one request in ``EmulatorRequestContext/plannedOutcome``; the
/// checkpoint controllers read it for every create.
enum CheckpointOutcome: String, Sendable, Equatable {
    case available
    case error
}

/// A resource a checkpoint did not back up, with the BackupService code saying why (stored as JSON text).
struct SkippedResource: Codable, Sendable, Equatable {
    var id: String
    var type: String
    var name: String
    var code: String
    var reason: String
}

extension SkippedResource {
    /// A resource skipped because a backup of it in the vault is still `protecting` (`BackupService.6125`);
    /// manual and scheduled checkpoints skip such resources alike.
    init(protecting member: VaultResourceRecord) {
        self.init(
            id: member.resourceId, type: member.resourceType, name: member.name,
            code: "BackupService.6125", reason: "A backup task of this resource is already running."
        )
    }
}
