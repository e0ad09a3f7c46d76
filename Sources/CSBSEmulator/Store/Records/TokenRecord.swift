import GRDB

/// An issued IAM token, scoped to a project (`projectId`) or to an account (`domainId`), never both. Table `token`.
/// Times are microseconds since 1970 (UTC).
struct TokenRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"

    var token: String
    var userId: String
    /// The project of a project-scoped token.
    var projectId: String?
    /// The account of a domain-scoped token.
    var domainId: String?
    var issuedAt: Int64
    var expiresAt: Int64
}
