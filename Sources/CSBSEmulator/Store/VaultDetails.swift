/// A vault with what its wire form needs: the associated resources and the vault's top-level backups.
struct VaultDetails: Sendable, Equatable {
    var vault: VaultRecord
    /// Associated resources, in association order.
    var members: [VaultResourceRecord]
    /// The vault's backups without a parent (one per resource per checkpoint), oldest first.
    var backups: [BackupRecord]
}

/// One resource to associate with a vault (from `addresources` or a vault's create body).
struct ResourceAssociation: Sendable, Equatable {
    var id: String
    var type: String
    /// The request's `extra_info` as JSON text (`{}` when absent).
    var extraInfo: String
}

/// Filters of `GET /v3/{project_id}/vaults`.
struct VaultFilter: Sendable, Equatable {
    var name: String?
    var objectType: String?
    var ids: [String] = []
    var limit = 1000
    var offset = 0
}
