import CSBSClient

/// Turns the tasks ``TaskListing`` found into the result record of `tasks`.
enum TaskPresenter {
    /// The result of `tasks`: `count` and a row per task (`id`, `type`, `status`, `progress`, `vault_id`, `vault`,
    /// `checkpoint_id`, `created_at`, `error`).
    static func list(_ logs: [OperationLog]) -> ResultRecord {
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
