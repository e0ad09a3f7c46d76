import GRDB

/// A server or disk of a project's inventory, as CBR sees it.
struct ProtectableResource: Sendable, Equatable {
    var id: String
    var name: String
    /// `OS::Nova::Server` or `OS::Cinder::Volume`.
    var type: String
    /// For a server, the sum of its disks.
    var sizeGB: Int
    /// Data to back up, in MB.
    var usedMB: Int
    /// The disks a backup of this resource covers (the disk itself for a volume).
    var disks: [DiskRecord]
    /// The server's availability zone (for a disk, its server's; empty for an unattached disk).
    var availabilityZone: String
    /// Nova status for a server (`ACTIVE`, `SHUTOFF`, ...); `available` or `in-use` for a disk.
    var status: String

    /// Finds a resource of `projectID` by id and declared type (cached statements: every association and backup
    /// runs this).
    /// - Returns: `nil` when there is no such resource of that type in that project.
    static func find(id: String, type: String, projectID: String, in db: Database) throws -> ProtectableResource? {
        switch type {
        case ResourceType.server:
            guard let server = try ServerRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM server WHERE id = ? AND projectId = ?"), arguments: [id, projectID]
            )
            else { return nil }
            let disks = try DiskRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM disk WHERE serverId = ? ORDER BY bootable DESC, name"),
                arguments: [id]
            )
            return ProtectableResource(
                id: id, name: server.name, type: type,
                sizeGB: disks.reduce(0) { $0 + $1.sizeGB }, usedMB: disks.reduce(0) { $0 + $1.usedMB }, disks: disks,
                availabilityZone: server.availabilityZone, status: server.status
            )
        case ResourceType.volume:
            guard let disk = try DiskRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM disk WHERE id = ? AND projectId = ?"), arguments: [id, projectID]
            )
            else { return nil }
            let server = try disk.serverId.flatMap {
                try ServerRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM server WHERE id = ?"), arguments: [$0])
            }
            return ProtectableResource(
                id: id, name: disk.name, type: type, sizeGB: disk.sizeGB, usedMB: disk.usedMB, disks: [disk],
                availabilityZone: server?.availabilityZone ?? "", status: server == nil ? "available" : "in-use"
            )
        default:
            return nil
        }
    }
}
