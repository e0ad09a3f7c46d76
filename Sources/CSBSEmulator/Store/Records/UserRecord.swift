import GRDB

/// An IAM user of a domain. Table `user`. The password is never logged or rendered.
struct UserRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user"

    var id: String
    var domainId: String
    var name: String
    var password: String
}
