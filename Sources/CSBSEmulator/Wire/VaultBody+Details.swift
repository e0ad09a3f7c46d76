extension VaultBody {
    /// The wire form of a stored vault as seen at `now`.
    /// - Parameters:
    ///   - details: The vault, its resources and backups.
    ///   - progress: Derives backup status from the clock.
    ///   - now: The current time, microseconds since 1970.
    init(_ details: VaultDetails, progress: BackupProgress, now: Int64) {
        let vault = details.vault
        let available = details.backups.filter { progress.status(createdAt: $0.createdAt, at: now) == "available" }
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
            locked: false,
            bindRules: [:],
            tags: [],
            resources: details.members.map { member in
                Self.resource(member, backups: details.backups, progress: progress, now: now)
            },
            billing: BillingBody(
                allocated: 0,
                used: available.reduce(0) { $0 + $1.sizeMB },
                size: vault.sizeGB,
                status: vault.status,
                specCode: ResourceType.specCode(
                    objectType: vault.objectType, protectType: vault.protectType, cloudType: vault.cloudType
                ),
                chargingMode: vault.chargingMode,
                cloudType: vault.cloudType,
                consistentLevel: vault.consistentLevel,
                objectType: vault.objectType,
                protectType: vault.protectType,
                isMultiAz: false
            )
        )
    }

    private static func resource(
        _ member: VaultResourceRecord,
        backups: [BackupRecord],
        progress: BackupProgress,
        now: Int64
    ) -> VaultResourceBody {
        let own = backups.filter { $0.resourceId == member.resourceId }
        let protecting = own.contains { progress.status(createdAt: $0.createdAt, at: now) == "protecting" }
        let done = own.filter { progress.status(createdAt: $0.createdAt, at: now) == "available" }
        return VaultResourceBody(
            id: member.resourceId,
            name: member.name,
            type: member.resourceType,
            protectStatus: protecting ? "protecting" : "available",
            size: member.sizeGB,
            backupSize: done.reduce(0) { $0 + $1.sizeMB },
            backupCount: done.count,
            autoProtect: false,
            extraInfo: WireJSON.decodeText(ResourceExtraInfo.self, from: member.extraInfo)
                ?? ResourceExtraInfo()
        )
    }
}
