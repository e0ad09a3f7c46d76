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

extension DiskRecord {
    /// The columns ``init(selected:)`` reads, in its order, for a `SELECT` list (each name after `prefix`).
    static func selection(_ prefix: String = "") -> String {
        ["id", "projectId", "serverId", "name", "sizeGB", "usedMB", "bootable"].map { prefix + $0 }
            .joined(separator: ", ")
    }

    /// Decodes a row of ``selection(_:)`` by position (see ``VaultResourceRecord/init(selected:)``).
    init(selected row: Row) throws {
        id = try row.decode(atIndex: 0)
        projectId = try row.decode(atIndex: 1)
        serverId = try row.decode(atIndex: 2)
        name = try row.decode(atIndex: 3)
        sizeGB = try row.decode(atIndex: 4)
        usedMB = try row.decode(atIndex: 5)
        bootable = try row.decode(atIndex: 6)
    }
}
