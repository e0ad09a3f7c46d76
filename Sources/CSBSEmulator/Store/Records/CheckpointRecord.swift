import GRDB

/// A restore point (checkpoint). Table `checkpoint`. Its status is derived from `createdAt` and the clock.
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
}
