import GRDB

/// Filters and paging of `GET /protectables/{type}/instances`.
struct ProtectableFilter: Sendable, Equatable {
    /// A substring of the name.
    var name: String?
    /// `active`, `deleted` or `error`.
    var status: String?
    var id: String?
    /// Only the disks of this server.
    var serverID: String?
    var limit = 50
    var offset = 0
    /// The id of the last resource of the previous page.
    var marker: String?
}

/// A protectable server or disk with what its wire form needs.
struct ProtectableDetails: Sendable, Equatable {
    var resource: ProtectableResource
    /// The vault holding the resource, if any.
    var vault: VaultDetails?
    /// For a server, its disks.
    var children: [ProtectableDetails]
}

extension EmulatorStore {
    /// A page of the project's servers (`type` = server) or disks (`disk`), by name.
    /// - Throws: `BackupService.9900` for a `marker` that is not in the listing.
    func protectables(
        projectID: String,
        resourceType: String,
        filter: ProtectableFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [ProtectableDetails] {
        try await settledRead(at: now, environment: environment) { db in
            var ids: [String]
            if resourceType == ResourceType.server {
                ids = try String.fetchAll(
                    db, sql: "SELECT id FROM server WHERE projectId = ? ORDER BY name, id", arguments: [projectID]
                )
            } else {
                var request = DiskRecord.filter(Column("projectId") == projectID)
                if let serverID = filter.serverID { request = request.filter(Column("serverId") == serverID) }
                ids = try request.order(Column("name"), Column("id")).fetchAll(db).map(\.id)
            }
            var rows = try ids.compactMap { try Self.protectable($0, type: resourceType, projectID: projectID, at: now, in: db) }
            rows = rows.filter { row in
                (filter.id == nil || row.resource.id == filter.id)
                    && (filter.name.map { row.resource.name.contains($0) } ?? true)
                    && (filter.status == nil || filter.status == "active")
            }
            if let marker = filter.marker {
                guard let index = rows.firstIndex(where: { $0.resource.id == marker }) else {
                    throw EmulatorError.invalidParameter("marker \(marker) is not a resource of this listing.")
                }
                rows = Array(rows[(index + 1)...])
            }
            return Array(rows.dropFirst(filter.offset).prefix(filter.limit))
        }
    }

    /// One protectable server or disk of `projectID`, if it exists.
    func protectable(
        id: String,
        resourceType: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> ProtectableDetails? {
        try await settledRead(at: now, environment: environment) { db in
            return try Self.protectable(id, type: resourceType, projectID: projectID, at: now, in: db)
        }
    }

    private static func protectable(
        _ id: String,
        type: String,
        projectID: String,
        at now: Int64,
        in db: Database
    ) throws -> ProtectableDetails? {
        guard let resource = try ProtectableResource.find(id: id, type: type, projectID: projectID, in: db) else {
            return nil
        }
        let vault = try VaultResourceRecord.fetchOne(db, key: id)
            .flatMap { try VaultRecord.fetchOne(db, key: $0.vaultId) }
            .map { try details(of: $0, at: now, in: db) }
        let children = type == ResourceType.server
            ? try resource.disks.compactMap {
                try protectable($0.id, type: ResourceType.volume, projectID: projectID, at: now, in: db)
            }
            : []
        return ProtectableDetails(resource: resource, vault: vault, children: children)
    }
}
