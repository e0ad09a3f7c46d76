/// Changes to a vault (`VaultUpdate` on the wire); `nil` fields are left as they are.
public struct VaultUpdate: Sendable, Hashable, Codable {
    public var name: String?
    /// New size in GB (resize).
    public var sizeGB: Int?
    public var consistentLevel: String?
    public var autoBind: Bool?
    public var autoExpand: Bool?
    public var smnNotify: Bool?
    /// 1–100: % used that triggers a notification.
    public var threshold: Int?
    public var locked: Bool?

    public init(
        name: String? = nil, sizeGB: Int? = nil, consistentLevel: String? = nil, autoBind: Bool? = nil,
        autoExpand: Bool? = nil, smnNotify: Bool? = nil, threshold: Int? = nil, locked: Bool? = nil
    ) {
        self.name = name
        self.sizeGB = sizeGB
        self.consistentLevel = consistentLevel
        self.autoBind = autoBind
        self.autoExpand = autoExpand
        self.smnNotify = smnNotify
        self.threshold = threshold
        self.locked = locked
    }

    enum CodingKeys: String, CodingKey {
        case name, billing, threshold, locked
        case autoBind = "auto_bind"
        case autoExpand = "auto_expand"
        case smnNotify = "smn_notify"
    }

    enum BillingKeys: String, CodingKey {
        case size
        case consistentLevel = "consistent_level"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        if sizeGB != nil || consistentLevel != nil {
            var billing = container.nestedContainer(keyedBy: BillingKeys.self, forKey: .billing)
            try billing.encodeIfPresent(sizeGB, forKey: .size)
            try billing.encodeIfPresent(consistentLevel, forKey: .consistentLevel)
        }
        try container.encodeIfPresent(autoBind, forKey: .autoBind)
        try container.encodeIfPresent(autoExpand, forKey: .autoExpand)
        try container.encodeIfPresent(smnNotify, forKey: .smnNotify)
        try container.encodeIfPresent(threshold, forKey: .threshold)
        try container.encodeIfPresent(locked, forKey: .locked)
    }

    /// Reads what ``encode(to:)`` writes (the dry run reads the request back).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        if container.contains(.billing) {
            let billing = try container.nestedContainer(keyedBy: BillingKeys.self, forKey: .billing)
            sizeGB = try billing.decodeIfPresent(Int.self, forKey: .size)
            consistentLevel = try billing.decodeIfPresent(String.self, forKey: .consistentLevel)
        }
        autoBind = try container.decodeIfPresent(Bool.self, forKey: .autoBind)
        autoExpand = try container.decodeIfPresent(Bool.self, forKey: .autoExpand)
        smnNotify = try container.decodeIfPresent(Bool.self, forKey: .smnNotify)
        threshold = try container.decodeIfPresent(Int.self, forKey: .threshold)
        locked = try container.decodeIfPresent(Bool.self, forKey: .locked)
    }
}

/// Filters of `GET /v3/{project_id}/vaults`. `nil` filters are not sent.
public struct VaultQuery: Sendable, Hashable {
    public var name: String?
    public var cloudType: String?
    public var protectType: String?
    public var objectType: String?
    public var enterpriseProjectID: String?
    /// Sent as repeated `id=` parameters.
    public var ids: [String]
    public var policyID: String?
    public var status: String?
    /// Sent comma-separated.
    public var resourceIDs: [String]
    public var limit: Int?
    public var offset: Int?

    public init(
        name: String? = nil, cloudType: String? = nil, protectType: String? = nil, objectType: String? = nil,
        enterpriseProjectID: String? = nil, ids: [String] = [], policyID: String? = nil, status: String? = nil,
        resourceIDs: [String] = [], limit: Int? = nil, offset: Int? = nil
    ) {
        self.name = name
        self.cloudType = cloudType
        self.protectType = protectType
        self.objectType = objectType
        self.enterpriseProjectID = enterpriseProjectID
        self.ids = ids
        self.policyID = policyID
        self.status = status
        self.resourceIDs = resourceIDs
        self.limit = limit
        self.offset = offset
    }

    var queryItems: [(String, String)] {
        var items = QueryItems()
        items.add("cloud_type", cloudType)
        items.add("enterprise_project_id", enterpriseProjectID)
        for id in ids { items.add("id", id) }
        items.add("limit", limit)
        items.add("name", name)
        items.add("object_type", objectType)
        items.add("offset", offset)
        items.add("policy_id", policyID)
        items.add("protect_type", protectType)
        items.add("resource_ids", resourceIDs.isEmpty ? nil : resourceIDs.joined(separator: ","))
        items.add("status", status)
        return items.pairs
    }
}

/// A tag key with every value it has across the project's vaults.
public struct ProjectTag: Codable, Sendable, Hashable {
    public var key: String
    public var values: [String]?
}
