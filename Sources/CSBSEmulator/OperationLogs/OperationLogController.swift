import Hummingbird

/// CBR tasks: list and show the operation log (`/v3/{project_id}/operation-logs…`).
struct OperationLogController: APIController {
    static let operationTypes: Set<String> = [
        "backup", "replication", "copy", "restore", "delete", "vault_delete", "remove_resource", "sync",
        "migrate_resources", "update_expiration_time",
    ]
    static let statuses: Set<String> = ["success", "skipped", "failed", "running", "timeout", "waiting"]

    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .get("operation-logs", operation: "list_op_logs", use: Self.list),
        .get("operation-logs/:operation_log_id", operation: "show_op_log", use: Self.show),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let filter = try Self.filter(request.uri.queryParameters)
        let now = progress.now()
        let (total, page) = try await store.operationLogs(
            projectID: grant.project.id, filter: filter, at: now, environment: environment(context)
        )
        let body = OperationLogListBody(
            operationLogs: page.map { OperationLogBody($0, now: now) }, count: total, limit: filter.limit,
            offset: filter.offset
        )
        return try WireJSON.response(body)
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("operation_log_id")
        guard let task = try await store.operationLog(id: id, projectID: grant.project.id) else {
            throw EmulatorError.operationLogNotFound
        }
        return try WireJSON.response(OperationLogEnvelope(operationLog: OperationLogBody(task, now: progress.now())))
    }

    /// Reads the documented filters; unknown parameters are ignored.
    /// - Throws: `BackupService.9900` for a malformed value.
    static func filter(_ query: Parameters) throws -> OperationLogFilter {
        var filter = OperationLogFilter()
        filter.operationType = query.get("operation_type")
        if let type = filter.operationType, !operationTypes.contains(type) {
            throw EmulatorError.invalidParameter("Invalid operation_type '\(type)'.")
        }
        filter.status = query.get("status")
        if let status = filter.status, !statuses.contains(status) {
            throw EmulatorError.invalidParameter("Invalid status '\(status)'.")
        }
        filter.vaultID = query.get("vault_id")
        filter.vaultName = query.get("vault_name")
        filter.resourceID = query.get("resource_id")
        filter.resourceName = query.get("resource_name")
        filter.providerID = query.get("provider_id")
        filter.startTime = try query.time("start_time")
        filter.endTime = try query.time("end_time")
        filter.limit = try query.integer("limit", in: 1...1000, default: 1000)
        filter.offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        return filter
    }
}
