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
        var backupPolicyId: String?
        var locked: Bool?
        var bindRules: BindRulesItem?
        var backupNamePrefix: String?
        var availabilityZone: String?
    }

    struct Billing: Decodable, Sendable {
        var consistentLevel: String
        var objectType: String
        var protectType: String
        /// GB, 10...10485760: read as any JSON number, so `100.5` or `1e30` is a bad size (6101), not a body that
        /// cannot be read (see ``VaultCreateBody/sizeGB()``).
        var size: Double
        var cloudType: String?
        var chargingMode: String?
        /// The order's period, `year` or `month` (a yearly/monthly vault, `create_post_paid_vault`).
        var periodType: String?
        /// How many periods, 1...9.
        var periodNum: Int?
    }

    var vault: Vault

    /// The allowed vault size on create, GB.
    static let sizeRange = 10...10_485_760

    /// Checks lengths and enumerations.
    /// - Throws: `BackupService.6101` for a bad size, `BackupService.9900` for anything else.
    func validate() throws {
        let vault = vault
        let billing = vault.billing
        try WireText.name(vault.name, field: "vault.name")
        if let description = vault.description { try WireText.description(description, field: "vault.description") }
        try Self.check("vault.billing.object_type", billing.objectType, in: ResourceType.objectTypes)
        try Self.check("vault.billing.protect_type", billing.protectType, in: ResourceType.protectTypes)
        try Self.check("vault.billing.consistent_level", billing.consistentLevel, in: ResourceType.consistentLevels)
        try Self.check("vault.billing.cloud_type", billing.cloudType, in: ResourceType.cloudTypes)
        try Self.check("vault.billing.charging_mode", billing.chargingMode, in: ResourceType.chargingModes)
        try Self.checkThreshold(vault.threshold)
        _ = try sizeGB()
        try ResourceItem.validate(vault.resources, field: "vault.resources", allowEmpty: true)
        _ = try tagChanges()
        _ = try bindRuleTags()
        if let policyID = vault.backupPolicyId, policyID.isEmpty {
            throw EmulatorError.invalidParameter("vault.backup_policy_id must not be empty.")
        }
        if let prefix = vault.backupNamePrefix, !prefix.isEmpty {
            try WireText.name(prefix, field: "vault.backup_name_prefix", maxLength: 32)
        }
        if let zone = vault.availabilityZone {
            try WireText.name(zone, field: "vault.availability_zone", maxLength: 32)
        }
    }

    /// The validated `vault.billing.size`.
    /// - Throws: `BackupService.6101` unless it is a whole number in ``sizeRange``.
    func sizeGB() throws -> Int {
        guard let size = Self.wholeNumber(vault.billing.size, in: Self.sizeRange) else {
            throw EmulatorError.invalidVaultSize(vault.billing.size)
        }
        return size
    }

    /// The validated `vault.bind_rules.tags` (none when absent).
    /// - Throws: `BackupService.9900` for an empty list, more than 5 tags, a key given twice, a bad key or value.
    func bindRuleTags() throws -> [TagChange] {
        try vault.bindRules?.validated(field: "vault.bind_rules") ?? []
    }

    /// `value` as an `Int` when it is a whole number within `range`, else `nil` (JSON numbers such as a vault size
    /// are read as `Double` so that a fraction or a huge exponent is a bad value, not unreadable JSON).
    static func wholeNumber(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        guard value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            return nil
        }
        return Int(value)
    }

    /// The validated, trimmed `vault.tags` (none when absent).
    /// - Throws: `BackupService.9900` for an empty list, a key given twice, a bad key or value.
    func tagChanges() throws -> [TagChange] {
        guard let tags = vault.tags else { return [] }
        return try TagItem.validated(tags, field: "vault.tags")
    }

    /// Checks `vault.threshold` (create, update and batch update): 1 to 100 % when given.
    /// - Throws: `BackupService.9900`.
    static func checkThreshold(_ threshold: Int?) throws {
        if let threshold, !(1...100).contains(threshold) {
            throw EmulatorError.invalidParameter("vault.threshold must be between 1 and 100.")
        }
    }

    static func check(_ field: String, _ value: String?, in allowed: Set<String>) throws {
        guard let value, !allowed.contains(value) else { return }
        throw EmulatorError.invalidParameter(
            "Invalid value '\(value)' for \(field); allowed: \(allowed.sorted().joined(separator: ", "))."
        )
    }
}
