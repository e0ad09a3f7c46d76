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

extension ServerRecord {
    /// Decodes a fetched row without `Decodable`: every backup of a server reads the server and its disks, and
    /// the decoder's containers were about a twentieth of the CPU of seeding checkpoints of a 10,000-server vault.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        projectId = try row.decode(forColumn: "projectId")
        name = try row.decode(forColumn: "name")
        status = try row.decode(forColumn: "status")
        availabilityZone = try row.decode(forColumn: "availabilityZone")
        tags = try row.decode(forColumn: "tags")
    }
}
