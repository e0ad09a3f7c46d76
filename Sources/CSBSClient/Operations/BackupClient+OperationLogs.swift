extension BackupClient {
    /// `GET /v3/{project_id}/operation-logs`: one page of tasks matching `query`.
    public func listOperationLogs(_ query: OperationLogQuery = .init()) async throws -> OperationLogPage {
        try await send(.listOperationLogs, query: query.queryItems)
    }

    /// Every task matching `query`, page by page (offset pagination).
    public func operationLogs(_ query: OperationLogQuery = .init(), pageSize: Int = 100) -> PageSequence<OperationLog> {
        let client = self
        return PageSequence(first: .offset(query.offset ?? 0), source: pageSource(.listOperationLogs)) { cursor in
            var page = query
            page.limit = pageSize
            page.offset = cursor.offsetValue ?? 0
            let result = try await client.listOperationLogs(page)
            return FetchedPage(
                elements: result.operationLogs,
                next: .afterOffsetPage(
                    offset: page.offset ?? 0, received: result.operationLogs.count, limit: pageSize,
                    total: result.count?.value
                )
            )
        }
    }

    /// `GET /v3/{project_id}/operation-logs/{operation_log_id}`.
    public func showOperationLog(id: String) async throws -> OperationLog {
        let response: OperationLogEnvelope = try await send(.showOperationLog, id)
        return response.operationLog
    }
}

/// The answer to `GET /v3/{project_id}/operation-logs/{operation_log_id}`: `{"operation_log": …}`.
public struct OperationLogEnvelope: Codable, Sendable, Hashable {
    public var operationLog: OperationLog

    enum CodingKeys: String, CodingKey {
        case operationLog = "operation_log"
    }

    public init(operationLog: OperationLog) {
        self.operationLog = operationLog
    }
}
