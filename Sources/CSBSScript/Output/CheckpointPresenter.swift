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

    /// Adds to a `backup server LIST` result `skipped`: the resources the service set aside
    /// (`[{id, code, reason}]`, from the create answer), and, after a wait, `backups`: each resource's backup
    /// (`[{resource_id, resource_name, id, status}]`); the summary counts them. People also see a table of each
    /// resource without an available backup (``ResultRecord/details``): skipped, or its backup's status.
    static func add(backups: [BackupSummary]?, skipped checkpoint: Checkpoint, to result: inout ResultRecord) {
        let setAside = checkpoint.vault?.skippedResources ?? []
        let skipped = setAside.map { resource in
            Value.record(
                Record([
                    .init("id", resource.id.map(Value.string) ?? .null),
                    .init("code", resource.code.map(Value.string) ?? .null),
                    .init("reason", resource.reason.map(Value.string) ?? .null),
                ])
            )
        }
        result.fields.append(.init("skipped", .list(skipped)))
        var details = setAside.map { resource in
            Record([
                .init("resource_id", resource.id.map(Value.string) ?? .null), .init("resource_name", .null),
                .init("status", .string("skipped")),
                .init("reason", .string([resource.code, resource.reason].compactMap { $0 }.joined(separator: ": "))),
            ])
        }
        defer { result.details = details.isEmpty ? nil : details }
        guard let backups else { return }
        for backup in backups where backup.status != Checkpoint.successStatus {
            // The reason column is there only when a resource was skipped (a table takes its first row's columns).
            details.append(Record([
                .init("resource_id", backup.resourceID.map(Value.string) ?? .null),
                .init("resource_name", backup.resourceName.map(Value.string) ?? .null),
                .init("status", backup.status.map(Value.string) ?? .null),
            ] + (setAside.isEmpty ? [] : [.init("reason", .null)])))
        }
        let rows = backups.map { backup in
            Value.record(
                Record([
                    .init("resource_id", backup.resourceID.map(Value.string) ?? .null),
                    .init("resource_name", backup.resourceName.map(Value.string) ?? .null),
                    .init("id", .string(backup.id)), .init("status", backup.status.map(Value.string) ?? .null),
                ])
            )
        }
        let available = backups.filter { $0.status == Checkpoint.successStatus }.count
        result.fields.append(.init("backups", .list(rows)))
        result.summary += ": \(backups.count) backup\(backups.count == 1 ? "" : "s"), \(available) available"
        if !skipped.isEmpty { result.summary += ", \(skipped.count) skipped" }
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
