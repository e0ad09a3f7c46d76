import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `tasks [vault NAME] [type T] [status S] [limit N]`: operation logs, newest first, with their progress.
    mutating func listTasks(_ statement: TasksStmt) async throws -> ResultRecord {
        var query = TaskListing.Query()
        if let vaultExpr = statement.vault {
            query.vaultID = try await findVault(VaultReference(name: vaultExpr, range: vaultExpr.range), for: "tasks").id
        }
        query.operationType = try await filterValue(statement.type, of: .taskType, what: "the task type")
        query.status = try await filterValue(statement.status, of: .taskStatus, what: "the status")
        query.limit = try await integerValue(statement.limit, what: "the limit")
        if let limit = query.limit, limit < 1, let expr = statement.limit {
            throw RuntimeFailure.badArgument("the limit must be at least 1, not \(limit)", at: expr.range)
        }
        return TaskPresenter.list(try await TaskListing(client: client).list(query))
    }
}
