/// A resource that CBR could protect (a server, a disk, …), with whether it can be backed up now.
public struct Protectable: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    /// The resource type string, e.g. `OS::Nova::Server`.
    public var type: String?
    /// GB.
    public var size: LenientInt?
    /// `active`, `deleted` or `error`.
    public var status: String?
    public var children: [Protectable]?
    public var protectable: Protectability?

    public init(
        id: String, name: String? = nil, type: String? = nil, size: Int? = nil, status: String? = nil,
        children: [Protectable]? = nil, protectable: Protectability? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.size = size.map { LenientInt($0) }
        self.status = status
        self.children = children
        self.protectable = protectable
    }
}

/// Whether a resource can be backed up, and why not.
public struct Protectability: Codable, Sendable, Hashable {
    public var result: Bool?
    public var code: String?
    public var reason: String?
    public var message: String?
    /// The vault the resource is already in, if any.
    public var vault: ProtectableVault?
}

/// The vault a protectable resource already belongs to.
public struct ProtectableVault: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
}

/// The kinds of protectable resources (`protectable_type` in the path).
public enum ProtectableType: String, Sendable, Hashable, CaseIterable {
    case server, disk, turbo, workspace
    case workspaceV2 = "workspace_v2"
}

/// Filters of the protectable list. `limit` is at most 50 per page.
public struct ProtectableQuery: Sendable, Hashable {
    public var name: String?
    public var status: String?
    public var id: String?
    /// The disks of one server.
    public var serverID: String?
    public var limit: Int?
    public var offset: Int?
    public var marker: String?

    public init(
        name: String? = nil, status: String? = nil, id: String? = nil, serverID: String? = nil, limit: Int? = nil,
        offset: Int? = nil, marker: String? = nil
    ) {
        self.name = name
        self.status = status
        self.id = id
        self.serverID = serverID
        self.limit = limit
        self.offset = offset
        self.marker = marker
    }

    var queryItems: [(String, String)] {
        var items = QueryItems()
        items.add("id", id)
        items.add("limit", limit)
        items.add("marker", marker)
        items.add("name", name)
        items.add("offset", offset)
        items.add("server_id", serverID)
        items.add("status", status)
        return items.pairs
    }
}
