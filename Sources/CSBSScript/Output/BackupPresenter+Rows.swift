import CSBSClient

/// The rows of `backups`: one record per backup, the same fields for CBR and CSBS.
extension BackupPresenter {
    /// The result of `backups`: `count`, and a row per backup.
    static func list(_ backups: [BackupHandle]) -> ResultRecord {
        let rows = backups.map(row)
        return ResultRecord(
            kind: "backups", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) backup\(rows.count == 1 ? "" : "s")", rows: rows
        )
    }

    /// One backup as a row, by its service.
    static func row(_ handle: BackupHandle) -> Record {
        switch handle {
        case .cbr(let backup): row(backup)
        case .csbs(let item): row(item)
        }
    }

    /// One CBR backup as a record: `id`, `name`, `status`, `resource_id`, `resource_name`, `resource_type`,
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

    /// One CSBS backup as a row: the CBR row's fields (`vault_id` is null, `size_gb` the server's disk capacity)
    /// with `service: "csbs"`.
    static func row(_ item: CSBSv1CheckpointItem) -> Record {
        func text(_ value: String?) -> Value { value.map(Value.string) ?? .null }
        let sizes = item.volumeBackups.compactMap(\.sourceVolumeSize?.value)
        return Record([
            .init("id", .string(item.id)), .init("name", .string(item.name)), .init("status", .string(item.status)),
            .init("resource_id", .string(item.resourceID)), .init("resource_name", text(item.extendInfo?.resourceName)),
            .init("resource_type", .string(resourceWord(item.resourceType ?? VaultObjectType.server.resourceType))),
            .init("checkpoint_id", .string(item.checkpointID)), .init("vault_id", .null),
            .init("size_gb", sizes.isEmpty ? .null : .integer(sizes.reduce(0, +))),
            .init("created_at", text(item.createdAt)), .init("service", .string("csbs")),
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
