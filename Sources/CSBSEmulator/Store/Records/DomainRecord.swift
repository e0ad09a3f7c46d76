import GRDB

/// An IAM account (domain). Table `domain`.
struct DomainRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "domain"

    var id: String
    var name: String
}
