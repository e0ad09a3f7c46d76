import Hummingbird

/// CSBS v1 quotas (`GET /v1/{project_id}/quotas`): how many backups the project holds and the space they use.
struct CSBSQuotaController: APIController {
    /// How many CSBS backups a project may hold (the figure of Huawei's example answer: **inferred**).
    static let backupQuota = 600

    static let service = APIService.csbs
    static let routes: [APIRoute<Self>] = [
        .get("quotas", operation: "csbs_show_quotas", use: Self.show)
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `backup_capacity` (GB, no limit: -1) used by the backups that hold data (`available`, `restoring`), a
    /// started GB counting as one; `backups` counts every backup not yet deleted.
    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let now = progress.now()
        let items = try await store.csbsItems(projectID: grant.project.id, at: now)
        var usedMB = 0
        for item in items where ["available", "restoring"].contains(item.status(at: now)) {
            usedMB += item.volumeList.reduce(0) { $0 + $1.size }
        }
        let body = CSBSQuotasBody(
            quotas: .init(resources: [
                .init(type: "backup_capacity", unit: "GB", quota: -1, used: (usedMB + 1023) / 1024),
                .init(type: "backups", unit: nil, quota: Self.backupQuota, used: items.count),
            ])
        )
        return try WireJSON.response(body)
    }
}

/// `GET /v1/{project_id}/quotas` response.
struct CSBSQuotasBody: Encodable, Sendable {
    struct Quotas: Encodable, Sendable {
        var resources: [Resource]
    }

    struct Resource: Encodable, Sendable {
        var type: String
        var unit: String?
        var quota: Int
        var used: Int
    }

    var quotas: Quotas
}
