import GRDB

/// A resource associated with a vault. Table `vaultResource`; the resource id is the primary key,
/// so SQLite itself guarantees a resource is in at most one vault.
struct VaultResourceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vaultResource"

    var resourceId: String
    var vaultId: String
    var resourceType: String
    var name: String
    /// The resource's capacity in GB (for a server, the sum of its disks).
    var sizeGB: Int
    /// The request's `extra_info`, as JSON text (`{}` when absent).
    var extraInfo: String
    var addedAt: Int64
    /// Once set, the resource is `removing` until this time, then it leaves the vault with its backups.
    var removingUntil: Int64? = nil
    /// Whether the vault's scheduled backups include the resource (`auto_protect`; `set-resources` changes it).
    var autoProtect = true
}

extension VaultResourceRecord {
    /// Decodes a fetched row without `Decodable`: a checkpoint of a whole vault reads every resource of it
    /// (see ``ServerRecord/init(row:)``).
    init(row: Row) throws {
        resourceId = try row.decode(forColumn: "resourceId")
        vaultId = try row.decode(forColumn: "vaultId")
        resourceType = try row.decode(forColumn: "resourceType")
        name = try row.decode(forColumn: "name")
        sizeGB = try row.decode(forColumn: "sizeGB")
        extraInfo = try row.decode(forColumn: "extraInfo")
        addedAt = try row.decode(forColumn: "addedAt")
        removingUntil = try row.decode(forColumn: "removingUntil")
        autoProtect = try row.decode(forColumn: "autoProtect")
    }
}
