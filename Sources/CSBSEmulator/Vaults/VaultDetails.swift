/// A vault with what its wire form needs: the associated resources and what its top-level backups add up to at
/// the time of reading (aggregated in SQL, see ``EmulatorStore/details(of:at:in:)``).
struct VaultDetails: Sendable, Equatable {
    var vault: VaultRecord
    /// Associated resources, in association order.
    var members: [VaultResourceRecord]
    /// Per resource id: the state of the resource's top-level backups in this vault.
    var usage: [String: ResourceUsage] = [:]
    /// `billing.used`: MB occupied by the vault's backups that hold data.
    var usedMB = 0
    /// The vault's tags, by key.
    var tags: [VaultTagRecord] = []
}

/// What the top-level backups of one resource in a vault add up to at one time.
struct ResourceUsage: Sendable, Equatable {
    /// Backups that hold data (`available` or `restoring`), and their MB.
    var held = ResourceHistory()
    /// Those of ``held`` created before the time of reading: what a checkpoint made then reports as the
    /// resource's `backup_count` and `backup_size`.
    var earlier = ResourceHistory()
    /// Whether one of the backups is `protecting`.
    var protecting = false
    /// Whether one of the backups is `restoring`.
    var restoring = false
    /// The status of the latest backup not being deleted (the first inserted among equal creation times).
    var latestStatus: String?
}

/// One resource to associate with a vault (from `addresources` or a vault's create body).
struct ResourceAssociation: Sendable, Equatable {
    var id: String
    var type: String
    /// The request's `extra_info` as JSON text (`{}` when absent).
    var extraInfo: String
}

/// Filters and page of `GET /v3/{project_id}/storage_usage`.
struct StorageUsageQuery: Sendable, Equatable {
    var resourceID: String?
    var resourceType: String?
    var limit = 1000
    var offset = 0
}

/// Filters of `GET /v3/{project_id}/vaults`.
struct VaultFilter: Sendable, Equatable {
    var name: String?
    var objectType: String?
    var protectType: String?
    var cloudType: String?
    /// `billing.status` (`available`, `deleting`, ...).
    var status: String?
    /// Vaults holding any of these resources.
    var resourceIDs: [String] = []
    /// Vaults bound to this policy.
    var policyID: String?
    var ids: [String] = []
    var limit = 1000
    var offset = 0
}
