import GRDB

/// A restore point (checkpoint). Table `checkpoint`. Its status is derived from `finishesAt`, `outcome` and the
/// clock (see ``status(at:)``).
struct CheckpointRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "checkpoint"

    var id: String
    var projectId: String
    var vaultId: String
    var name: String
    var description: String
    var incremental: Bool
    var autoTrigger: Bool
    /// Days to keep the backups; `-1` is forever.
    var retentionDuration: Int
    var createdAt: Int64
    /// When the checkpoint stops `protecting`.
    var finishesAt: Int64
    /// The planned final status: `available` or `error`.
    var outcome: String
    /// The resources the checkpoint skipped, as JSON text (`[SkippedResource]`).
    var skipped: String
}
