import GRDB

/// An ECS server of the seeded inventory (`OS::Nova::Server`). Table `server`.
struct ServerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "server"

    var id: String
    var projectId: String
    var name: String
    /// Nova status: `ACTIVE`, `SHUTOFF`, ...
    var status: String
    var availabilityZone: String
}
