import GRDB

/// A backup or replication policy. Table `policy`. `operationDefinition` and `pattern` are JSON text.
struct PolicyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "policy"

    var id: String
    var projectId: String
    var name: String
    var enabled: Bool
    /// `backup` or `replication`.
    var operationType: String
    /// The retention rules as given (JSON text of `PolicyDefinition`).
    var operationDefinition: String
    var triggerId: String
    /// The RRULE strings (JSON text of `[String]`).
    var pattern: String
    /// The trigger's `start_time`, microseconds since 1970.
    var startTime: Int64
    var startWindowMinutes: Int?
    var createdAt: Int64
}

/// A policy bound to a vault. Table `vaultPolicy`.
struct VaultPolicyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vaultPolicy"

    var vaultId: String
    var policyId: String
    var destinationVaultId: String?
}
