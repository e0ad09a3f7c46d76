import CSBSClient
import FoundationEssentials

/// Turns backups, found through a ``BackupHandle``, and what was done with them into result records: the rows of
/// `backups`, `show backup`, `restore backup` and `delete backup`. A CSBS backup's records say `service: "csbs"`
/// and carry its backup record's `checkpoint_id`.
enum BackupPresenter {
    /// `show backup ID`: the fields of a `backups` row plus `children`, the disk backups.
    static func show(_ handle: BackupHandle) -> ResultRecord {
        let row: Record
        let children: [Value]
        var summary: String
        switch handle {
        case .cbr(let backup):
            row = Self.row(backup)
            children = (backup.children ?? []).map { Value.record(Self.row($0)) }
            summary = "backup \(backup.id) \(backup.status ?? "unknown")"
            if let resource = backup.resourceName ?? backup.resourceID {
                summary += " of \(backup.resourceType.map(resourceWord) ?? "resource") \(resource)"
            }
        case .csbs(let item):
            row = Self.row(item)
            children = item.volumeBackups.map { volume in
                Value.record(
                    Record([
                        .init("id", .string(volume.id)), .init("name", volume.name.map(Value.string) ?? .null),
                        .init("status", .string(volume.status ?? item.status)),
                        .init("resource_id", volume.sourceVolumeID.map(Value.string) ?? .null),
                        .init("resource_name", volume.sourceVolumeName.map(Value.string) ?? .null),
                        .init("resource_type", .string("disk")),
                        .init("size_gb", volume.sourceVolumeSize.map { .integer($0.value) } ?? .null),
                    ])
                )
            }
            summary = "CSBS backup \(item.id) \(item.status) of server \(item.extendInfo?.resourceName ?? item.resourceID)"
        }
        if !children.isEmpty { summary += ", \(children.count) disk backup\(children.count == 1 ? "" : "s")" }
        return ResultRecord(kind: "backup", fields: row.fields + [.init("children", .list(children))], summary: summary)
    }

    /// `restore backup` once started (`status: restoring`) or, with `final`, once waited for.
    static func restore(_ plan: RestorePlan, final: (status: String, elapsed: Duration)? = nil) -> ResultRecord {
        let handle = plan.backup
        let fields: [ResultRecord.Field] =
            [.init("backup_id", .string(handle.id)), .init("target_id", .string(plan.targetID))] + csbsFields(handle)
        guard let final else {
            return ResultRecord(
                kind: "restore", fields: fields + [.init("status", .string("restoring"))],
                summary: "restoring \(handle.noun) \(handle.id) onto \(plan.targetID)"
            )
        }
        let elapsed = final.elapsed.seconds
        return ResultRecord(
            kind: "restore",
            fields: fields + [.init("status", .string(final.status)), .init("elapsed_seconds", .seconds(elapsed))],
            summary: "\(handle.noun) \(handle.id) restored onto \(plan.targetID), \(final.status) after "
                + ResultRecord.formatSeconds(elapsed)
        )
    }

    /// `delete backup` once sent (`status: deleting`) or, with `elapsed`, once gone.
    static func delete(_ handle: BackupHandle, elapsed: Duration? = nil) -> ResultRecord {
        let fields: [ResultRecord.Field] = [.init("id", .string(handle.id))] + csbsFields(handle)
        guard let elapsed else {
            return ResultRecord(
                kind: "delete", fields: fields + [.init("status", .string("deleting"))],
                summary: "\(handle.noun) \(handle.id) deleting"
            )
        }
        return ResultRecord(
            kind: "delete",
            fields: fields + [.init("status", .string("deleted")), .init("elapsed_seconds", .seconds(elapsed.seconds))],
            summary: "\(handle.noun) \(handle.id) deleted after \(ResultRecord.formatSeconds(elapsed.seconds))"
        )
    }

    /// `checkpoint_id` and `service` for a CSBS backup; nothing for CBR.
    private static func csbsFields(_ handle: BackupHandle) -> [ResultRecord.Field] {
        guard case .csbs(let item) = handle else { return [] }
        return [.init("checkpoint_id", .string(item.checkpointID)), .init("service", .string("csbs"))]
    }
}
