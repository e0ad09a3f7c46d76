import CSBSClient

/// Turns what ``ServerProtection`` did into the result record of `protect`.
enum ProtectPresenter {
    /// The result of `protect`: `id` (the backup's, else the record's), `checkpoint_id`, `status`, `server_id`,
    /// `service` (`csbs`) and, once waited for, `elapsed_seconds`.
    static func record(
        _ start: ServerProtection.Started, final: CSBSv1CheckpointItem? = nil, server: String, elapsed: Duration? = nil
    ) -> ResultRecord {
        let checkpointID = start.record.id
        let backup = final ?? start.backup
        let id = backup?.id ?? checkpointID
        let status = backup?.status ?? start.record.status
        var fields: [ResultRecord.Field] = [
            .init("id", .string(id)), .init("checkpoint_id", .string(checkpointID)),
            .init("status", .string(status)), .init("server_id", .string(server)), .init("service", .string("csbs")),
        ]
        var summary = "CSBS backup \(id) \(status)"
        if let elapsed {
            fields.append(.init("elapsed_seconds", .seconds(elapsed.seconds)))
            summary += " after \(ResultRecord.formatSeconds(elapsed.seconds))"
        }
        summary += " of server \(server) (backup record \(checkpointID))"
        return ResultRecord(kind: "csbs_backup", fields: fields, summary: summary)
    }
}
