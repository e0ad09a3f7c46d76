import CSBSClient

/// Turns checkpoints, started or waited for, into the result records of `backup` and `wait`.
enum CheckpointPresenter {
    /// The result of `backup`: `id`, `status`, `vault_id` and, once waited for, `elapsed_seconds`.
    static func backup(_ checkpoint: Checkpoint, vault: Vault, elapsed: Duration? = nil) -> ResultRecord {
        var fields: [ResultRecord.Field] = [
            .init("id", .string(checkpoint.id)), .init("status", .string(checkpoint.status)),
            .init("vault_id", .string(vault.id)),
        ]
        var summary = "checkpoint \(checkpoint.id) \(checkpoint.status)"
        if let elapsed {
            fields.append(.init("elapsed_seconds", .seconds(elapsed.seconds)))
            summary += " after \(ResultRecord.formatSeconds(elapsed.seconds))"
        }
        summary += " in vault \"\(vault.name)\""
        return ResultRecord(kind: "checkpoint", fields: fields, summary: summary)
    }

    /// The result of `wait`: `id` (as the script gave it), `status`, `service` (`cbr`, `csbs`), `elapsed_seconds`;
    /// `kind` is `checkpoint` or `backup`.
    static func waited(kind: String, id: String, status: String, service: String, elapsed: Duration) -> ResultRecord {
        ResultRecord(
            kind: kind,
            fields: [
                .init("id", .string(id)), .init("status", .string(status)), .init("service", .string(service)),
                .init("elapsed_seconds", .seconds(elapsed.seconds)),
            ],
            summary: "\(kind) \(id) \(status) after \(ResultRecord.formatSeconds(elapsed.seconds))"
        )
    }
}
