import GRDB

/// A backup of one resource in a checkpoint. Table `backup`. A server backup has one child per disk
/// (`parentId` set). Its status is derived from the stored times, its outcome and the clock (``status(at:)``).
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
    /// When the backup stops `protecting` (the checkpoint's finish time).
    var finishesAt: Int64
    /// The planned status once protected: `available` or `error`.
    var outcome: String
    /// The last explicit change (rename, restore, delete request); `0` when never changed.
    var updatedAt: Int64
    /// The availability zone of the backed-up resource.
    var resourceAz: String
    /// For a disk backup, whether the disk is a system disk.
    var bootable: Bool
    /// While set and in the future, the backup is `restoring`.
    var restoringUntil: Int64?
    /// Once set, the backup is `deleting` until this time, then it is gone.
    var deletingUntil: Int64?
    /// `expired_at`: when a manual backup made with `retention_duration_days` expires; `nil` is never.
    var expiresAt: Int64? = nil
    /// `image_type`: `backup`, or `replication` for a copy replicated from another region (`copy_backup`,
    /// `copy_checkpoint`).
    var imageType = "backup"
    /// For a replication backup: the backup it was copied from (in the source region's project).
    var sourceBackupId: String? = nil
}
