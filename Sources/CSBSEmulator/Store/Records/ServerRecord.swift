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
    /// The server's tags as JSON text (`[TagChange]`), which a vault's `bind_rules` match (see ``tagList``).
    var tags = "[]"
}

extension ServerRecord {
    /// The server's tags.
    var tagList: [TagChange] {
        WireJSON.decodeText([TagChange].self, from: tags) ?? []
    }
}
