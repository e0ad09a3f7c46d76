import GRDB

/// A tag of a vault. Table `vaultTag`; the key is unique per vault.
struct VaultTagRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vaultTag"

    var vaultId: String
    var key: String
    var value: String
}
