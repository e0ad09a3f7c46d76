/// A CBR vault as the service returns it. Almost every field is optional: real responses leave
/// documented-as-required fields `null` often enough that a strict decoder would fail in production.
public struct Vault: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var projectID: String?
    public var providerID: String?
    public var billing: Billing?
    public var resources: [VaultResource]?
    public var createdAt: String?
    public var tags: [Tag]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, billing, resources, tags
        case projectID = "project_id"
        case providerID = "provider_id"
        case createdAt = "created_at"
    }

    public init(id: String, name: String, billing: Billing? = nil, resources: [VaultResource]? = nil) {
        self.id = id
        self.name = name
        self.billing = billing
        self.resources = resources
    }

    /// Whether the resource with this id is associated with the vault.
    public func contains(resourceID: String) -> Bool {
        resources?.contains { $0.id == resourceID } ?? false
    }

    /// The ids of the vault's resources: for asking ``contains(resourceID:)`` of many ids (a fleet's 1,000) in one
    /// pass rather than one scan each.
    public var resourceIDs: Set<String> {
        Set((resources ?? []).map(\.id))
    }

    /// Whether a deletion of the vault is under way (`billing.status` is `deleting`): it still lists, but it is
    /// on its way out and no longer counts as a vault of its name.
    public var isBeingDeleted: Bool {
        billing?.status == "deleting"
    }
}

/// The vault's `billing` block. `size` and `allocated` are GB; `used` is MB.
public struct Billing: Codable, Sendable, Hashable {
    public var size: LenientInt?
    public var allocated: LenientInt?
    public var used: LenientInt?
    public var status: String?
    public var objectType: String?
    public var protectType: String?
    public var consistentLevel: String?
    public var cloudType: String?
    public var chargingMode: String?
    public var specCode: String?

    enum CodingKeys: String, CodingKey {
        case size, allocated, used, status
        case objectType = "object_type"
        case protectType = "protect_type"
        case consistentLevel = "consistent_level"
        case cloudType = "cloud_type"
        case chargingMode = "charging_mode"
        case specCode = "spec_code"
    }

    public init(
        size: Int? = nil, allocated: Int? = nil, used: Int? = nil, status: String? = nil, objectType: String? = nil,
        protectType: String? = nil, consistentLevel: String? = nil, cloudType: String? = nil,
        chargingMode: String? = nil, specCode: String? = nil
    ) {
        self.size = size.map { LenientInt($0) }
        self.allocated = allocated.map { LenientInt($0) }
        self.used = used.map { LenientInt($0) }
        self.status = status
        self.objectType = objectType
        self.protectType = protectType
        self.consistentLevel = consistentLevel
        self.cloudType = cloudType
        self.chargingMode = chargingMode
        self.specCode = specCode
    }

    /// `used` in GB: the API gives MB (1024 to a GB, as the service counts a vault's capacity); the one place that
    /// converts it.
    public var usedGB: Double? {
        used.map { Double($0.value) / 1024 }
    }
}

/// A resource associated with a vault.
public struct VaultResource: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var type: String?
    public var protectStatus: String?
    public var size: LenientInt?
    public var backupSize: LenientInt?
    public var backupCount: LenientInt?

    enum CodingKeys: String, CodingKey {
        case id, name, type, size
        case protectStatus = "protect_status"
        case backupSize = "backup_size"
        case backupCount = "backup_count"
    }

    public init(id: String, name: String? = nil, type: String? = nil, protectStatus: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.protectStatus = protectStatus
    }

    /// Whether the service is removing the resource from the vault (`protect_status` `removing`, after
    /// `removeresources`): it still lists, but it is on its way out.
    public var isBeingRemoved: Bool {
        protectStatus == "removing"
    }
}

/// A vault tag: a key and an optional value.
public struct Tag: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// What a vault is for; the wire value of `billing.object_type`.
public enum VaultObjectType: String, Codable, Sendable, Hashable, CaseIterable {
    case server, disk

    /// The resource type string the service uses for resources of this kind.
    public var resourceType: String {
        switch self {
        case .server: "OS::Nova::Server"
        case .disk: "OS::Cinder::Volume"
        }
    }
}

/// A page of ``Vault``s with the service's total `count`.
public struct VaultPage: Codable, Sendable, Hashable {
    public var vaults: [Vault]
    public var count: LenientInt?
    public var limit: LenientInt?
    public var offset: LenientInt?

    public init(vaults: [Vault], count: Int? = nil, limit: Int? = nil, offset: Int? = nil) {
        self.vaults = vaults
        self.count = count.map { LenientInt($0) }
        self.limit = limit.map { LenientInt($0) }
        self.offset = offset.map { LenientInt($0) }
    }
}

/// The capacity of all the project's vaults (`GET /v3/{project_id}/vaults/summary`). Both numbers are GB, unlike a
/// vault's `billing.used` (MB).
public struct VaultSummary: Codable, Sendable, Hashable {
    /// `size`: the total capacity of the project's vaults, in GB (the sum of their `billing.size`).
    public var sizeGB: LenientInt?
    /// `used_size`: the total capacity their backups use, in GB.
    public var usedGB: LenientInt?

    enum CodingKeys: String, CodingKey {
        case sizeGB = "size"
        case usedGB = "used_size"
    }

    public init(sizeGB: Int, usedGB: Int) {
        self.sizeGB = LenientInt(sizeGB)
        self.usedGB = LenientInt(usedGB)
    }
}
