import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `tasks [vault NAME] [type T] [status S] [limit N]`: operation logs, newest first, with their progress.
    func listTasks(_ statement: TasksStmt) async throws -> ResultRecord {
        var query = OperationLogQuery()
        if let vaultExpr = statement.vault {
            query.vaultID = try await findVault(VaultReference(name: vaultExpr, range: vaultExpr.range), for: "tasks").id
        }
        query.operationType = try statement.type.map { try stringValue($0, what: "the task type") }
        query.status = try statement.status.map { try stringValue($0, what: "the status") }
        let limit = try statement.limit.map { try integerValue($0, what: "the limit") }
        if let limit, limit < 1, let expr = statement.limit {
            throw RuntimeFailure.badArgument("the limit must be at least 1, not \(limit)", at: expr.range)
        }
        var logs: [OperationLog] = []
        for try await log in client.operationLogs(query, pageSize: min(limit ?? 100, 100)) {
            logs.append(log)
            if let limit, logs.count >= limit { break }
        }
        let rows = logs.map { log in
            Record([
                .init("id", .string(log.id)), .init("type", log.operationType.map(Value.string) ?? .null),
                .init("status", log.status.map(Value.string) ?? .null),
                .init("progress", log.progress.map(Value.integer) ?? .null),
                .init("vault_id", log.vaultID.map(Value.string) ?? .null),
                .init("vault", log.vaultName.map(Value.string) ?? .null),
                .init("checkpoint_id", log.checkpointID.map(Value.string) ?? .null),
                .init("created_at", log.createdAt.map(Value.string) ?? .null),
                .init("error", log.errorInfo?.message.map(Value.string) ?? .null),
            ])
        }
        return ResultRecord(
            kind: "tasks", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) task\(rows.count == 1 ? "" : "s")", rows: rows
        )
    }
}
