extension VaultRecord {
    /// A new vault from a create body, with the service's defaults for absent fields.
    /// - Throws: The errors of ``VaultCreateBody/sizeGB()`` and ``VaultCreateBody/bindRuleTags()`` (the handler has
    ///   already run ``VaultCreateBody/validate()``, so in practice none).
    init(_ body: VaultCreateBody, id: String, grant: TokenAuthenticator.Grant, createdAt: Int64) throws {
        let rules = try body.bindRuleTags()
        let sizeGB = try body.sizeGB()
        let body = body.vault
        self.init(
            id: id,
            projectId: grant.project.id,
            userId: grant.user.id,
            name: body.name,
            description: body.description,
            objectType: body.billing.objectType,
            protectType: body.billing.protectType,
            consistentLevel: body.billing.consistentLevel,
            cloudType: body.billing.cloudType ?? "public",
            chargingMode: body.billing.chargingMode ?? "post_paid",
            sizeGB: sizeGB,
            status: "available",
            enterpriseProjectId: body.enterpriseProjectId ?? "0",
            autoBind: body.autoBind ?? false,
            autoExpand: body.autoExpand ?? false,
            smnNotify: body.smnNotify ?? true,
            threshold: body.threshold ?? 80,
            createdAt: createdAt,
            locked: body.locked ?? false,
            bindRules: WireJSON.encodeText(rules),
            backupNamePrefix: body.backupNamePrefix,
            availabilityZone: body.availabilityZone
        )
    }
}

extension VaultRecord {
    /// The tags of `bind_rules`, decoded from ``bindRules``.
    var bindRuleTags: [TagChange] {
        WireJSON.decodeText([TagChange].self, from: bindRules) ?? []
    }
}
