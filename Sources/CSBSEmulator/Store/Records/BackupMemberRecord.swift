import GRDB

/// A project a backup is shared with (`POST /backups/{id}/members`). Table `backupMember`; one row per backup and
/// destination project. The row goes with the backup (`ON DELETE CASCADE`).
struct BackupMemberRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "backupMember"

    /// The share record's id (`id`); the path's `member_id` is the destination project's id.
    var id: String
    var backupId: String
    /// The project that owns the backup (the sharer).
    var projectId: String
    /// The project the backup is shared with (`dest_project_id`).
    var destProjectId: String
    /// `pending`, `accepted` or `rejected`.
    var status: String
    /// The recipient's vault the accepted backup is stored in.
    var vaultId: String?
    var createdAt: Int64
    var updatedAt: Int64
}
