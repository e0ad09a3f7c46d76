extension VaultBody {
    /// The wire form of a stored vault as seen at `now`.
    /// - Parameters:
    ///   - details: The vault, its resources and backups.
    ///   - now: The current time, microseconds since 1970.
    init(_ details: VaultDetails, now: Int64) {
        let vault = details.vault
        self.init(
            id: vault.id,
            name: vault.name,
            description: vault.description,
            projectId: vault.projectId,
            providerId: ResourceType.providerID(objectType: vault.objectType),
            enterpriseProjectId: vault.enterpriseProjectId,
            userId: vault.userId,
            createdAt: WireTime.cbr(vault.createdAt),
            autoBind: vault.autoBind,
            autoExpand: vault.autoExpand,
            smnNotify: vault.smnNotify,
            threshold: vault.threshold,
            locked: vault.locked,
            bindRules: Self.bindRules(vault.bindRuleTags),
            backupNamePrefix: vault.backupNamePrefix,
            availabilityZone: vault.availabilityZone,
            tags: details.tags.map { ["key": $0.key, "value": $0.value] },
            resources: details.members.map { member in Self.resource(member, usage: details.usage[member.resourceId]) },
            billing: BillingBody(
                allocated: 0,
                used: details.usedMB,
                size: vault.sizeGB,
                status: vault.billingStatus,
                specCode: ResourceType.specCode(
                    objectType: vault.objectType, protectType: vault.protectType, cloudType: vault.cloudType
                ),
                chargingMode: vault.chargingMode,
                cloudType: vault.cloudType,
                consistentLevel: vault.consistentLevel,
                objectType: vault.objectType,
                protectType: vault.protectType,
                isMultiAz: false,
                orderId: vault.orderId
            )
        )
    }

    /// `{}` without rules, else `{"tags": [...]}`.
    private static func bindRules(_ tags: [TagChange]) -> BindRulesBody {
        BindRulesBody(tags: tags.isEmpty ? nil : tags.map { .init(key: $0.key, value: $0.value) })
    }

    private static func resource(_ member: VaultResourceRecord, usage: ResourceUsage?) -> VaultResourceBody {
        let usage = usage ?? ResourceUsage()
        return VaultResourceBody(
            id: member.resourceId,
            name: member.name,
            type: member.resourceType,
            protectStatus: protectStatus(member, usage: usage),
            size: member.sizeGB,
            backupSize: usage.held.sizeMB,
            backupCount: usage.held.count,
            autoProtect: member.autoProtect,
            extraInfo: WireJSON.decodeText(ResourceExtraInfo.self, from: member.extraInfo)
                ?? ResourceExtraInfo()
        )
    }

    /// `removing` while the resource leaves the vault; else `protecting` or `restoring` while one of its backups
    /// is; else the status of its latest backup if that is `error`; else `available`.
    static func protectStatus(_ member: VaultResourceRecord, usage: ResourceUsage) -> String {
        if member.removingUntil != nil { return "removing" }
        if usage.protecting { return "protecting" }
        if usage.restoring { return "restoring" }
        return usage.latestStatus == "error" ? "error" : "available"
    }
}
