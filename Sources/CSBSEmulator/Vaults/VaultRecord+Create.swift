extension VaultRecord {
    /// A new vault from a validated create body, with the service's defaults for absent fields.
    init(_ body: VaultCreateBody.Vault, id: String, grant: TokenAuthenticator.Grant, createdAt: Int64) {
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
            sizeGB: body.billing.size,
            status: "available",
            enterpriseProjectId: body.enterpriseProjectId ?? "0",
            autoBind: body.autoBind ?? false,
            autoExpand: body.autoExpand ?? false,
            smnNotify: body.smnNotify ?? true,
            threshold: body.threshold ?? 80,
            createdAt: createdAt
        )
    }
}
