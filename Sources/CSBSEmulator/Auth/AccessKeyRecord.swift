import GRDB

/// An IAM access key (AK/SK) of a user. Table `accessKey`. The secret and security token are never
/// logged or rendered. Times are microseconds since 1970 (UTC).
struct AccessKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accessKey"

    /// The access key id (AK), sent as `Access=` in the `Authorization` header.
    var id: String
    /// The secret access key (SK), the HMAC key.
    var secret: String
    /// The owning user.
    var userId: String
    /// For temporary keys: the `X-Security-Token` every request must carry.
    var securityToken: String?
    /// Bad signatures since the last good one or the last lock.
    var failedAttempts: Int
    /// While set and in the future, every request with this key is refused.
    var lockedUntil: Int64?
}
