/// Filters, order and paging of `GET /v3/{project_id}/backups`. Filters combine with AND; `statuses` with OR.
struct BackupFilter: Sendable, Hashable {
    /// A sort key of the `sort` parameter.
    enum SortKey: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case name, status, id
        case protectedAt = "protected_at"
    }

    /// Whose backups a listing shows (`own_type`).
    enum Ownership: String, Sendable, Hashable {
        case own = "private"
        case shared
        case all = "all_granted"
    }

    /// One `key[:dir]` of the `sort` parameter.
    typealias Order = SortOrder<SortKey>

    var checkpointID: String?
    var vaultID: String?
    var resourceID: String?
    var resourceName: String?
    var resourceType: String?
    var resourceAz: String?
    var name: String?
    /// Lists the disk backups of this server backup; without it only top-level backups are listed.
    var parentID: String?
    var statuses: [String] = []
    var imageType: String?
    /// Inclusive bounds on `created_at`, microseconds since 1970.
    var startTime: Int64?
    var endTime: Int64?
    /// `incremental`: only incremental (`true`) or only full (`false`) backups.
    var incremental: Bool?
    /// `enterprise_project_id`: backups in vaults of this enterprise project (`all_granted_eps` is no filter).
    var enterpriseProjectID: String?
    /// `own_type`: the project's own backups (`private`), those shared with it (`shared`), or both
    /// (`all_granted`). A `member_status` without `all_granted` lists shared ones.
    var ownership = Ownership.own
    /// `member_status`: shared backups whose share with the project is in this status.
    var memberStatus: String?
    /// `used_percent`: backups in vaults whose `billing.used` is at least this share (1–100) of their size.
    var usedPercent: Int?
    var order: [Order] = [Order(key: .createdAt, ascending: false)]
    var limit = 1000
    var offset = 0
    /// The id of the last backup of the previous page.
    var marker: String?
}

/// A backup with what its wire form needs.
struct BackupDetails: Sendable, Equatable {
    var backup: BackupRecord
    /// The disk backups of a server backup, system disk first.
    var children: [BackupRecord]
    var enterpriseProjectId: String
    /// The backup's replication records, when the view shows them (`show_backup`); `nil` elsewhere.
    var replicationRecords: [ReplicationRecordBody]? = nil
}

/// A validated `POST /backups/{id}/restore` target.
struct RestoreRequest: Sendable, Equatable {
    /// A disk backup (a `children[].id`) and the disk to restore it to.
    struct Mapping: Sendable, Equatable {
        var backupID: String
        var volumeID: String
    }

    var serverID: String?
    var volumeID: String?
    var mappings: [Mapping] = []
}
