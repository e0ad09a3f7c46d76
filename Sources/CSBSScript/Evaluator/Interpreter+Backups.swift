import CSBSClient
import CSBSSyntax
import Foundation

extension Interpreter {
    /// `backups [vault NAME] [server ID] [status S] [since D] [limit N]`: backups, newest first, as rows. Without
    /// `vault`, CBR and CSBS backups merged by time (each row says its `service`); with `vault`, CBR only. When
    /// the CSBS service is not there, a warning at the statement and the CBR backups alone.
    func listBackups(_ statement: BackupsStmt, in file: SourceFile) async throws -> ResultRecord {
        var query = BackupQuery(sort: "created_at:desc")
        if let vaultExpr = statement.vault {
            query.vaultID = try await findVault(VaultReference(name: vaultExpr, range: vaultExpr.range), for: "backups").id
        }
        query.resourceID = try statement.server.map { try stringValue($0, what: "the server ID") }
        let status = try statement.status.map { try stringValue($0, what: "the status") }
        if let status { query.statuses = [status] }
        if let sinceExpr = statement.since {
            let since = try durationValue(sinceExpr)
            query.startTime = client.currentDate().addingTimeInterval(-since.seconds)
        }
        let limit = try statement.limit.map { try integerValue($0, what: "the limit") }
        if let limit, limit < 1, let expr = statement.limit {
            throw RuntimeFailure.badArgument("the limit must be at least 1, not \(limit)", at: expr.range)
        }
        var backups: [Backup] = []
        for try await backup in client.backups(query, pageSize: min(limit ?? 100, 100)) {
            backups.append(backup)
            if let limit, backups.count >= limit { break }
        }
        var rows = backups.map(Self.row)
        if statement.vault == nil,
            let csbs = try await csbsBackupRows(
                server: query.resourceID, status: status, since: query.startTime, limit: limit, at: statement.range,
                in: file
            )
        {
            rows = Self.mergedByTime(rows, csbs, limit: limit)
        }
        return ResultRecord(
            kind: "backups", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) backup\(rows.count == 1 ? "" : "s")", rows: rows
        )
    }

    /// `show backup ID`: one backup's details, with its disk backups as `children`. CBR is asked first; when it
    /// does not know the ID, CSBS (see ``findBackup(_:at:)``).
    func showBackup(_ id: String, at range: SourceRange) async throws -> ResultRecord {
        let backup: Backup
        switch try await findBackup(id, at: range) {
        case .cbr(let found): backup = found
        case .csbs(let item): return showCSBSBackup(item)
        }
        let children = (backup.children ?? []).map { Value.record(Self.row($0)) }
        var summary = "backup \(backup.id) \(backup.status ?? "unknown")"
        if let resource = backup.resourceName ?? backup.resourceID { summary += " of \(backup.resourceType.map(Self.resourceWord) ?? "resource") \(resource)" }
        if !children.isEmpty { summary += ", \(children.count) disk backup\(children.count == 1 ? "" : "s")" }
        return ResultRecord(kind: "backup", fields: Self.row(backup).fields + [.init("children", .list(children))], summary: summary)
    }

    /// `show checkpoint ID`: a restore point's status and the resources it covers.
    func showCheckpoint(_ id: String) async throws -> ResultRecord {
        let checkpoint = try await client.showCheckpoint(id: id)
        let resources = (checkpoint.vault?.resources ?? []).map { resource in
            Value.record(Record([
                .init("id", .string(resource.id)), .init("name", resource.name.map(Value.string) ?? .null),
                .init("type", resource.type.map(Value.string) ?? .null),
            ]))
        }
        var summary = "checkpoint \(checkpoint.id) \(checkpoint.status)"
        if let vault = checkpoint.vault?.name { summary += " in vault \"\(vault)\"" }
        summary += ", \(resources.count) resource\(resources.count == 1 ? "" : "s")"
        return ResultRecord(
            kind: "checkpoint",
            fields: [
                .init("id", .string(checkpoint.id)), .init("status", .string(checkpoint.status)),
                .init("vault_id", checkpoint.vault?.id.map(Value.string) ?? .null),
                .init("name", checkpoint.extraInfo?.name.map(Value.string) ?? .null),
                .init("created_at", checkpoint.createdAt.map(Value.string) ?? .null),
                .init("resource_list", .list(resources)),
            ],
            summary: summary
        )
    }

    /// One backup as a record: `id`, `name`, `status`, `resource_id`, `resource_name`, `resource_type`,
    /// `checkpoint_id`, `vault_id`, `size_gb`, `created_at`, `service` (`cbr`).
    static func row(_ backup: Backup) -> Record {
        func text(_ value: String?) -> Value { value.map(Value.string) ?? .null }
        return Record([
            .init("id", .string(backup.id)), .init("name", text(backup.name)), .init("status", text(backup.status)),
            .init("resource_id", text(backup.resourceID)), .init("resource_name", text(backup.resourceName)),
            .init("resource_type", text(backup.resourceType.map(resourceWord))),
            .init("checkpoint_id", text(backup.checkpointID)), .init("vault_id", text(backup.vaultID)),
            .init("size_gb", backup.resourceSize.map { .integer($0.value) } ?? .null),
            .init("created_at", text(backup.createdAt)), .init("service", .string("cbr")),
        ])
    }

    /// `server` or `disk` for the service's resource types, other types as they are.
    static func resourceWord(_ type: String) -> String {
        switch type {
        case VaultObjectType.server.resourceType: "server"
        case VaultObjectType.disk.resourceType: "disk"
        default: type
        }
    }
}
