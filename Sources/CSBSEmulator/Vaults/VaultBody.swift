/// The wire form of a vault (API reference §2.1.1, A.4, CBR seed). Keys are snake_cased by the encoder.
struct VaultBody: Encodable, Sendable {
    var id: String
    var name: String
    var description: String?
    var projectId: String
    var providerId: String
    var enterpriseProjectId: String
    var userId: String
    var createdAt: String
    var autoBind: Bool
    var autoExpand: Bool
    var smnNotify: Bool
    var threshold: Int
    var locked: Bool
    var bindRules: BindRulesBody
    var backupNamePrefix: String?
    var availabilityZone: String?
    var tags: [[String: String]]
    var resources: [VaultResourceBody]
    var billing: BillingBody

    private enum CodingKeys: String, CodingKey {
        case id, name, description, projectId, providerId, enterpriseProjectId, userId, createdAt
        case autoBind, autoExpand, smnNotify, threshold, locked, bindRules, backupNamePrefix, availabilityZone
        case tags, resources, billing
    }

    /// Encodes every key, writing `null` for absent optionals as the service does.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(providerId, forKey: .providerId)
        try container.encode(enterpriseProjectId, forKey: .enterpriseProjectId)
        try container.encode(userId, forKey: .userId)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(autoBind, forKey: .autoBind)
        try container.encode(autoExpand, forKey: .autoExpand)
        try container.encode(smnNotify, forKey: .smnNotify)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(locked, forKey: .locked)
        try container.encode(bindRules, forKey: .bindRules)
        try container.encode(backupNamePrefix, forKey: .backupNamePrefix)
        try container.encode(availabilityZone, forKey: .availabilityZone)
        try container.encode(tags, forKey: .tags)
        try container.encode(resources, forKey: .resources)
        try container.encode(billing, forKey: .billing)
    }
}

/// `vault.billing`. `allocated`/`size` are GB, `used` is MB.
struct BillingBody: Encodable, Sendable {
    var allocated: Int
    var used: Int
    var size: Int
    var status: String
    var specCode: String
    var chargingMode: String
    var cloudType: String
    var consistentLevel: String
    var objectType: String
    var protectType: String
    var isMultiAz: Bool
    /// The vault's last simulated order (yearly/monthly vaults only).
    var orderId: String?

    private enum CodingKeys: String, CodingKey {
        case allocated, used, size, status, specCode, chargingMode, cloudType, consistentLevel, objectType
        case protectType, isMultiAz, orderId, productId, storageUnit, frozenScene
    }

    /// Encodes every key; product, storage unit and frozen scene are always `null`, the order `null` unless the vault
    /// is yearly/monthly.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(allocated, forKey: .allocated)
        try container.encode(used, forKey: .used)
        try container.encode(size, forKey: .size)
        try container.encode(status, forKey: .status)
        try container.encode(specCode, forKey: .specCode)
        try container.encode(chargingMode, forKey: .chargingMode)
        try container.encode(cloudType, forKey: .cloudType)
        try container.encode(consistentLevel, forKey: .consistentLevel)
        try container.encode(objectType, forKey: .objectType)
        try container.encode(protectType, forKey: .protectType)
        try container.encode(isMultiAz, forKey: .isMultiAz)
        try container.encode(orderId, forKey: .orderId)
        for key in [CodingKeys.productId, .storageUnit, .frozenScene] {
            try container.encodeNil(forKey: key)
        }
    }
}

/// An entry of `vault.resources[]`: sizes and counts are integers here (strings in a checkpoint).
struct VaultResourceBody: Encodable, Sendable {
    var id: String
    var name: String
    var type: String
    var protectStatus: String
    /// GB.
    var size: Int
    /// MB occupied by the resource's available backups in this vault.
    var backupSize: Int
    var backupCount: Int
    var autoProtect: Bool
    var extraInfo: ResourceExtraInfo
}

/// A resource's `extra_info`: which disks of a server to include or exclude.
struct ResourceExtraInfo: Codable, Sendable, Equatable {
    struct IncludedVolume: Codable, Sendable, Equatable {
        var id: String
        var osVersion: String?
    }

    var excludeVolumes: [String]?
    var includeVolumes: [IncludedVolume]?
}

/// The answer of `GET storage_usage`: the number of resources with backups, and a page of them.
struct StorageUsageBody: Encodable, Sendable, Equatable {
    struct Usage: Encodable, Sendable, Equatable {
        var resourceId: String
        var resourceName: String
        var resourceType: String
        var backupCount: Int
        /// MB, like a vault resource's `backup_size` (the reference gives no unit: inferred).
        var backupSize: Int
        /// Always 0: the emulator has no multi-AZ vaults.
        var backupSizeMultiaz: Int
    }

    var resourceCount: Int
    var storageUsage: [Usage]
}

/// The answer of `GET vaults/summary`: `size` and `used_size`, both GB.
struct VaultSummaryBody: Encodable, Sendable, Equatable {
    var size: Int
    var usedSize: Int
}
