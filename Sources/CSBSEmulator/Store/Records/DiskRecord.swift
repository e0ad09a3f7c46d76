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
