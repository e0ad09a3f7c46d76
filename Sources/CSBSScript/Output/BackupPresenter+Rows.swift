import CSBSClient
import Foundation

/// The rows of `backups`: one record per backup, the same fields for CBR and CSBS.
extension BackupPresenter {
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
    static func row(_ item: CSBSCheckpointItem) -> Record {
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

    /// CBR and CSBS rows merged newest first by `created_at` (rows without a readable time last), at most
    /// `limit`.
    static func mergedByTime(_ cbr: [Record], _ csbs: [Record], limit: Int?) -> [Record] {
        func created(_ row: Record) -> Date {
            guard case .string(let text)? = row["created_at"], let date = WireDate.parse(text) else {
                return .distantPast
            }
            return date
        }
        let merged = (cbr + csbs).enumerated().sorted { left, right in
            let (a, b) = (created(left.element), created(right.element))
            return a != b ? a > b : left.offset < right.offset
        }.map(\.element)
        return limit.map { Array(merged.prefix($0)) } ?? merged
    }
}
