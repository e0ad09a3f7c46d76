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
    /// runs this). A server's disks come system disk first, then by name (ties in insertion order).
    /// - Returns: `nil` when there is no such resource of that type in that project.
    static func find(id: String, type: String, projectID: String, in db: Database) throws -> ProtectableResource? {
        switch type {
        case ResourceType.server:
            guard let server = try ServerRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM server WHERE id = ? AND projectId = ?"), arguments: [id, projectID]
            )
            else { return nil }
            let disks = try DiskRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM disk WHERE serverId = ? ORDER BY bootable DESC, name, rowid"),
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

    /// What ``find(id:type:projectID:in:)`` returns for each of `members` (resources of the vault `vaultID`), by
    /// resource id; a member missing from the inventory is absent. The servers and their disks are read in two
    /// statements for the whole vault: a checkpoint of a 10,000-server vault looked each up in two statements of
    /// its own, 20,000 statements. Volumes, rare in vaults, are looked up one by one.
    /// `ProtectableResourceTests.vaultLookupMatchesFind` checks that both give the same resources.
    static func findAll(
        _ members: [VaultResourceRecord], vaultID: String, projectID: String, in db: Database
    ) throws -> [String: ProtectableResource] {
        var disks: [String: [DiskRecord]] = [:]
        let diskRows = try DiskRecord.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT disk.* FROM vaultResource JOIN disk ON disk.serverId = vaultResource.resourceId
                    WHERE vaultResource.vaultId = ? AND vaultResource.resourceType = ?
                    ORDER BY disk.serverId, disk.bootable DESC, disk.name, disk.rowid
                    """
            ),
            arguments: [vaultID, ResourceType.server]
        )
        while let disk = try diskRows.next() {
            if let server = disk.serverId { disks[server, default: []].append(disk) }
        }
        var found: [String: ProtectableResource] = [:]
        let servers = try ServerRecord.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT server.* FROM vaultResource JOIN server ON server.id = vaultResource.resourceId
                    WHERE vaultResource.vaultId = ? AND vaultResource.resourceType = ? AND server.projectId = ?
                    """
            ),
            arguments: [vaultID, ResourceType.server, projectID]
        )
        while let server = try servers.next() {
            let own = disks[server.id] ?? []
            found[server.id] = ProtectableResource(
                id: server.id, name: server.name, type: ResourceType.server,
                sizeGB: own.reduce(0) { $0 + $1.sizeGB }, usedMB: own.reduce(0) { $0 + $1.usedMB }, disks: own,
                availabilityZone: server.availabilityZone, status: server.status
            )
        }
        for member in members where member.resourceType != ResourceType.server {
            found[member.resourceId] = try find(
                id: member.resourceId, type: member.resourceType, projectID: projectID, in: db
            )
        }
        return found
    }
}
