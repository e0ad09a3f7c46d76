import GRDB

/// A CBR vault. Table `vault`. `createdAt` is microseconds since 1970 (UTC).
struct VaultRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vault"

    var id: String
    var projectId: String
    var userId: String
    var name: String
    var description: String?
    var objectType: String
    var protectType: String
    var consistentLevel: String
    var cloudType: String
    var chargingMode: String
    /// Capacity in GB.
    var sizeGB: Int
    /// `billing.status`: `available`, ...
    var status: String
    var enterpriseProjectId: String
    var autoBind: Bool
    var autoExpand: Bool
    var smnNotify: Bool
    var threshold: Int
    var createdAt: Int64
    /// Once set, the vault is `deleting` until this time, then it is gone with its backups.
    var deletingUntil: Int64? = nil
    /// A locked vault stays locked.
    var locked = false
    /// `bind_rules.tags` as JSON text (`[TagChange]`, see ``VaultRecord/bindRuleTags``).
    var bindRules = "[]"
    var backupNamePrefix: String? = nil
    var availabilityZone: String? = nil
    /// `billing.order_id`: the last simulated order of a yearly/monthly vault (`nil` for pay-per-use ones).
    var orderId: String? = nil
}
