import GRDB

/// An issued project-scoped IAM token. Table `token`. Times are microseconds since 1970 (UTC).
struct TokenRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"

    var token: String
    var userId: String
    var projectId: String
    var issuedAt: Int64
    var expiresAt: Int64
}
