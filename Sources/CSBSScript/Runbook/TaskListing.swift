import CSBSClient

/// Lists the service's tasks (operation logs: backups, restores, deletions, …), newest first, with their progress:
/// what `tasks` does, without the language.
public struct TaskListing: Sendable {
    /// Which tasks to list.
    public struct Query: Sendable, Hashable {
        /// The vault the tasks ran in.
        public var vaultID: String?
        /// `backup`, `restore`, `delete`, … as the service names them.
        public var operationType: String?
        /// One status.
        public var status: String?
        /// At most this many (at least 1).
        public var limit: Int?

        public init(vaultID: String? = nil, operationType: String? = nil, status: String? = nil, limit: Int? = nil) {
            self.vaultID = vaultID
            self.operationType = operationType
            self.status = status
            self.limit = limit
        }
    }

    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// The tasks `query` asks for, in the order the service gives them, paging no further than the limit.
    public func list(_ query: Query) async throws -> [OperationLog] {
        var logQuery = OperationLogQuery()
        logQuery.vaultID = query.vaultID
        logQuery.operationType = query.operationType
        logQuery.status = query.status
        var logs: [OperationLog] = []
        for try await log in client.operationLogs(logQuery, pageSize: min(query.limit ?? 100, 100)) {
            logs.append(log)
            if let limit = query.limit, logs.count >= limit { break }
        }
        return logs
    }
}
