import GRDB

/// An EVS disk of the seeded inventory (`OS::Cinder::Volume`). Table `disk`.
struct DiskRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "disk"

    var id: String
    var projectId: String
    /// The server the disk is attached to, if any.
    var serverId: String?
    var name: String
    /// Capacity in GB.
    var sizeGB: Int
    /// Data actually written, in MB: what a backup of the disk occupies in a vault.
    var usedMB: Int
    /// True for a system disk.
    var bootable: Bool
}

extension DiskRecord {
    /// Decodes a fetched row without `Decodable` (see ``ServerRecord/init(row:)``).
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        projectId = try row.decode(forColumn: "projectId")
        serverId = try row.decode(forColumn: "serverId")
        name = try row.decode(forColumn: "name")
        sizeGB = try row.decode(forColumn: "sizeGB")
        usedMB = try row.decode(forColumn: "usedMB")
        bootable = try row.decode(forColumn: "bootable")
    }
}
