import GRDB

/// A CSBS v1 backup (`checkpoint_item`) of one server, inside its backup record (`checkpoint`). Table `csbsItem`.
///
/// One protect call creates one record with one item, so the record has no table of its own: a record exists
/// while at least one of its items does. Statuses derive from the stored times (see ``status(at:)``).
struct CSBSItemRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "csbsItem"

    /// The backup id (`checkpoint_item_id`).
    var id: String
    /// The backup record id (`checkpoint_id`).
    var checkpointId: String
    var projectId: String
    var resourceId: String
    var resourceName: String
    var resourceAz: String
    var name: String
    var description: String
    /// True when the backup is incremental (the first backup of a server never is).
    var incremental: Bool
    /// The tags as JSON text (`[{"key":…,"value":…}]`).
    var tags: String
    /// The disk backups as JSON text (``CSBSVolumeBackup`` array).
    var volumeBackups: String
    var createdAt: Int64
    /// When protection ends (`protecting` until then).
    var finishesAt: Int64
    /// The planned status after protection: `available` or `error`.
    var outcome: String
    /// The end of the latest restore, if one was started.
    var restoringUntil: Int64?
    /// When a pending deletion completes (the item is gone from then on).
    var deletingUntil: Int64?

    /// `deleting` while a deletion is pending, else `protecting` until `finishesAt`, `restoring` while a
    /// restore runs, then the planned outcome.
    func status(at now: Int64) -> String {
        if deletingUntil != nil { return "deleting" }
        if now < finishesAt { return "protecting" }
        if let restoringUntil, now < restoringUntil { return "restoring" }
        return outcome
    }

    /// The latest change that has happened by `now`.
    func updated(at now: Int64) -> Int64 {
        var latest = createdAt
        if finishesAt <= now { latest = max(latest, finishesAt) }
        if let restoringUntil, restoringUntil <= now { latest = max(latest, restoringUntil) }
        return latest
    }

    /// The disk backups (decoded ``volumeBackups``).
    var volumeList: [CSBSVolumeBackup] {
        WireJSON.decodeText([CSBSVolumeBackup].self, from: volumeBackups) ?? []
    }

    /// Whether the item is backing up, restoring or deleting (CSBS.2003 for another change).
    func isBusy(at now: Int64) -> Bool {
        ["protecting", "restoring", "deleting"].contains(status(at: now))
    }
}

/// One disk's backup inside a CSBS backup (`extend_info.volume_backups[]`), stored as JSON text.
struct CSBSVolumeBackup: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var bootable: Bool
    var sourceVolumeId: String
    var sourceVolumeName: String
    /// Source disk capacity in GB.
    var sourceVolumeSize: Int
    /// Backup size in MB.
    var size: Int
    var snapshotId: String
}

/// A resource tag of a CSBS backup.
struct CSBSTag: Codable, Sendable, Equatable {
    var key: String
    var value: String
}

extension EmulatorMigrations {
    /// Creates the `csbsItem` table (CSBS v1 backups).
    static func createCSBS(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE csbsItem (
                    id TEXT NOT NULL PRIMARY KEY,
                    checkpointId TEXT NOT NULL,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    resourceId TEXT NOT NULL,
                    resourceName TEXT NOT NULL,
                    resourceAz TEXT NOT NULL,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    incremental BOOLEAN NOT NULL,
                    tags TEXT NOT NULL,
                    volumeBackups TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    finishesAt INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    restoringUntil INTEGER,
                    deletingUntil INTEGER
                );
                CREATE INDEX csbsItem_project ON csbsItem(projectId, createdAt);
                CREATE INDEX csbsItem_checkpoint ON csbsItem(checkpointId);
                """
        )
    }
}
