import GRDB

/// A backup of one resource in a checkpoint. Table `backup`. A server backup has one child per disk
/// (`parentId` set). Its status is derived from `createdAt` and the clock.
struct BackupRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "backup"

    var id: String
    var checkpointId: String
    var parentId: String?
    var vaultId: String
    var projectId: String
    var resourceId: String
    var resourceName: String
    var resourceType: String
    var resourceSizeGB: Int
    /// Space the backup occupies in the vault, in MB.
    var sizeMB: Int
    var name: String
    var description: String
    var incremental: Bool
    var autoTrigger: Bool
    var createdAt: Int64
}
