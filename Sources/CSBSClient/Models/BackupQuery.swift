import FoundationEssentials

/// Every filter of `GET /v3/{project_id}/backups` (API reference §2.4.1). `nil` filters are not sent.
public struct BackupQuery: Sendable, Hashable {
    public var checkpointID: String?
    public var vaultID: String?
    public var resourceID: String?
    public var resourceName: String?
    public var resourceType: String?
    public var resourceAZ: String?
    public var name: String?
    public var parentID: String?
    /// Sent as repeated `status=` parameters.
    public var statuses: [String]
    public var imageType: String?
    /// Backups created at or after this time (`start_time`, `YYYY-mm-ddTHH:MM:SSZ`).
    public var startTime: Date?
    /// Backups created at or before this time (`end_time`).
    public var endTime: Date?
    public var limit: Int?
    public var offset: Int?
    /// The id of the last backup of the previous page.
    public var marker: String?
    /// `key[:asc|desc],…` with keys `created_at`, `updated_at`, `name`, `status`, `protected_at`, `id`.
    public var sort: String?
    public var ownType: String?
    public var memberStatus: String?
    public var enterpriseProjectID: String?
    public var usedPercent: String?
    public var showReplication: Bool?
    public var incremental: Bool?
    public var dec: Bool?

    public init(
        checkpointID: String? = nil, vaultID: String? = nil, resourceID: String? = nil, resourceName: String? = nil,
        resourceType: String? = nil, resourceAZ: String? = nil, name: String? = nil, parentID: String? = nil,
        statuses: [String] = [], imageType: String? = nil, startTime: Date? = nil, endTime: Date? = nil,
        limit: Int? = nil, offset: Int? = nil, marker: String? = nil, sort: String? = nil, ownType: String? = nil,
        memberStatus: String? = nil, enterpriseProjectID: String? = nil, usedPercent: String? = nil,
        showReplication: Bool? = nil, incremental: Bool? = nil, dec: Bool? = nil
    ) {
        self.checkpointID = checkpointID
        self.vaultID = vaultID
        self.resourceID = resourceID
        self.resourceName = resourceName
        self.resourceType = resourceType
        self.resourceAZ = resourceAZ
        self.name = name
        self.parentID = parentID
        self.statuses = statuses
        self.imageType = imageType
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.offset = offset
        self.marker = marker
        self.sort = sort
        self.ownType = ownType
        self.memberStatus = memberStatus
        self.enterpriseProjectID = enterpriseProjectID
        self.usedPercent = usedPercent
        self.showReplication = showReplication
        self.incremental = incremental
        self.dec = dec
    }

    /// The query pairs, in a fixed order; booleans as `true`/`false`, times as `YYYY-mm-ddTHH:MM:SSZ`.
    public var queryItems: [(String, String)] {
        var items = QueryItems()
        items.add("checkpoint_id", checkpointID)
        items.add("dec", dec)
        items.add("end_time", endTime.map(WireDate.filterFormat))
        items.add("enterprise_project_id", enterpriseProjectID)
        items.add("image_type", imageType)
        items.add("incremental", incremental)
        items.add("limit", limit)
        items.add("marker", marker)
        items.add("member_status", memberStatus)
        items.add("name", name)
        items.add("offset", offset)
        items.add("own_type", ownType)
        items.add("parent_id", parentID)
        items.add("resource_az", resourceAZ)
        items.add("resource_id", resourceID)
        items.add("resource_name", resourceName)
        items.add("resource_type", resourceType)
        items.add("show_replication", showReplication)
        items.add("sort", sort)
        items.add("start_time", startTime.map(WireDate.filterFormat))
        for status in statuses { items.add("status", status) }
        items.add("used_percent", usedPercent)
        items.add("vault_id", vaultID)
        return items.pairs
    }
}

/// Builds query pairs, skipping `nil` values.
struct QueryItems {
    var pairs: [(String, String)] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { pairs.append((name, value)) }
    }

    mutating func add(_ name: String, _ value: Int?) {
        if let value { pairs.append((name, String(value))) }
    }

    mutating func add(_ name: String, _ value: Bool?) {
        if let value { pairs.append((name, value ? "true" : "false")) }
    }
}
