/// `POST /v3/{project_id}/vaults` body (§2.1.1). Only the fields the emulator uses are modelled.
struct VaultCreateBody: Decodable, Sendable {
    struct Vault: Decodable, Sendable {
        var name: String
        var billing: Billing
        var resources: [ResourceItem]
        var description: String?
        var enterpriseProjectId: String?
        var autoBind: Bool?
        var autoExpand: Bool?
        var smnNotify: Bool?
        var threshold: Int?
        var tags: [TagItem]?
    }

    struct Billing: Decodable, Sendable {
        var consistentLevel: String
        var objectType: String
        var protectType: String
        /// GB, 10...10485760.
        var size: Int
        var cloudType: String?
        var chargingMode: String?
    }

    var vault: Vault

    /// The allowed vault size on create, GB.
    static let sizeRange = 10...10_485_760

    /// Checks lengths and enumerations.
    /// - Throws: `BackupService.6101` for a bad size, `BackupService.9900` for anything else.
    func validate() throws {
        let vault = vault
        let billing = vault.billing
        guard (1...64).contains(vault.name.count) else {
            throw EmulatorError.invalidParameter("vault.name must be 1 to 64 characters long.")
        }
        if let description = vault.description, description.count > 255 {
            throw EmulatorError.invalidParameter("vault.description must be at most 255 characters long.")
        }
        try Self.check("vault.billing.object_type", billing.objectType, in: ResourceType.objectTypes)
        try Self.check("vault.billing.protect_type", billing.protectType, in: ResourceType.protectTypes)
        try Self.check("vault.billing.consistent_level", billing.consistentLevel, in: ResourceType.consistentLevels)
        try Self.check("vault.billing.cloud_type", billing.cloudType, in: ResourceType.cloudTypes)
        try Self.check("vault.billing.charging_mode", billing.chargingMode, in: ResourceType.chargingModes)
        if let threshold = vault.threshold, !(1...100).contains(threshold) {
            throw EmulatorError.invalidParameter("vault.threshold must be between 1 and 100.")
        }
        guard Self.sizeRange.contains(billing.size) else {
            throw EmulatorError.invalidVaultSize(billing.size)
        }
        try ResourceItem.validate(vault.resources, field: "vault.resources", allowEmpty: true)
        _ = try tagChanges()
    }

    /// The validated, trimmed `vault.tags`.
    /// - Throws: `BackupService.9900` for a bad key or value.
    func tagChanges() throws -> [TagChange] {
        try (vault.tags ?? []).enumerated().map { index, tag in try tag.validated(field: "vault.tags[\(index)]") }
    }

    static func check(_ field: String, _ value: String?, in allowed: Set<String>) throws {
        guard let value, !allowed.contains(value) else { return }
        throw EmulatorError.invalidParameter(
            "Invalid value '\(value)' for \(field); allowed: \(allowed.sorted().joined(separator: ", "))."
        )
    }
}
