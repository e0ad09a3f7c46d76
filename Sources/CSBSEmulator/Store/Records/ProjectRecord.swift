import GRDB

/// A region project of a domain. Table `project`.
struct ProjectRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "project"

    var id: String
    var name: String
    var domainId: String
}
