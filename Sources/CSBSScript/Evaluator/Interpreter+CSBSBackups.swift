import CSBSClient
import CSBSSyntax
import Foundation

/// CSBS v1 backups in `backups`, `show backup`, `restore backup` and `delete backup`: the same commands as for
/// CBR, with records that say `service: "csbs"`.
extension Interpreter {
    /// A backup that an ID names: a CBR backup, or a CSBS backup (checkpoint item).
    enum FoundBackup: Sendable {
        case cbr(Backup)
        case csbs(CSBSCheckpointItem)
    }

    /// The statuses a CSBS backup can be in (API reference §5.7); other `status` filters list no CSBS backups.
    static let csbsStatuses: Set<String> = [
        "waiting_protect", "protecting", "available", "waiting_restore", "restoring", "error", "waiting_delete",
        "deleting", "deleted",
    ]

    /// Finds the backup `id` names: CBR first; when CBR answers not-found (404), a CSBS backup with that id, or
    /// the only backup of a CSBS backup record with that id.
    /// - Throws: `runtime.badArgument` at `range` when neither service knows the ID (the failure carries
    ///   `CSBS.3001`, or CBR's error when the CSBS service is not there).
    func findBackup(_ id: String, at range: SourceRange) async throws -> FoundBackup {
        let cbrError: CSBSError
        do {
            return .cbr(try await client.showBackup(id: id))
        } catch let error as CSBSError where error.status == 404 {
            cbrError = error
        }
        do {
            return .csbs(try await findCSBSItem(id, at: range))
        } catch let error as CSBSError where error.status == 404 || Self.csbsIsMissing(error) {
            let missing = Self.csbsIsMissing(error)
            let codes = [cbrError.code, missing ? nil : error.code].compactMap { $0 }.joined(separator: ", ")
            throw RuntimeFailure.badArgument(
                "no \(missing ? "" : "CBR or CSBS ")checkpoint or backup has the ID \(id)"
                    + (codes.isEmpty ? "" : " (\(codes))"),
                at: range, underlying: missing ? cbrError : error
            )
        }
    }

    /// The CSBS backup `id` names: a backup id, else a backup record id whose record holds exactly one backup.
    /// - Throws: ``CSBSError`` `CSBS.3001` when there is neither; `runtime.badArgument` when the record holds
    ///   several backups.
    func findCSBSItem(_ id: String, at range: SourceRange) async throws -> CSBSCheckpointItem {
        do {
            return try await client.showCheckpointItem(id: id)
        } catch let error as CSBSError where error.code == "CSBS.3001" {
            let items = try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: id, limit: 10))
            guard items.count <= 1 else {
                throw RuntimeFailure.badArgument(
                    "CSBS backup record \(id) holds \(items.count) backups; name one by its ID: "
                        + items.map(\.id).joined(separator: ", "),
                    at: range
                )
            }
            guard let item = items.first else { throw error }
            return item
        }
    }

    /// Whether a CSBS call failed because this cloud or project has no CSBS service: a 404 other than
    /// backup-not-found (no such endpoint or API), `BackupService.4008` (new projects cannot use CSBS), or a
    /// CSBS host name that does not resolve.
    static func csbsIsMissing(_ error: CSBSError) -> Bool {
        if error.status == 404 { return error.code != "CSBS.3001" }
        if error.code == "BackupService.4008" { return true }
        return error.kind == .network && error.message.contains(": unknown host")
    }

    /// The CSBS backups for `backups`, newest first; `nil` (after a warning `runtime.csbsUnavailable` at
    /// `range`) when the CSBS service is not there.
    func csbsBackupRows(
        server: String?, status: String?, since: Date?, limit: Int?, at range: SourceRange, in file: SourceFile
    ) async throws -> [Record]? {
        if let status, !Self.csbsStatuses.contains(status) { return [] }
        let query = CheckpointItemQuery(resourceID: server, status: status, sort: "created_at:desc")
        var rows: [Record] = []
        do {
            for try await item in client.checkpointItems(query, pageSize: min(limit ?? 100, 100)) {
                if let since, let created = item.createdAt.flatMap(WireDate.parse), created < since { break }
                rows.append(Self.row(item))
                if let limit, rows.count >= limit { break }
            }
        } catch let error as CSBSError where Self.csbsIsMissing(error) {
            let message = SimpleDiagnosticMessage(
                id: MessageID(domain: "runtime", name: "csbsUnavailable"),
                message: "CSBS backups are not listed: no CSBS service here (\(error.description)); CBR backups only",
                severity: .warning
            )
            output.diagnostic(Diagnostic(message, range: range), in: file)
            return nil
        }
        return rows
    }

    /// `show backup ID` for a CSBS backup: the fields of `backups` plus `children`, its disk backups.
    func showCSBSBackup(_ item: CSBSCheckpointItem) -> ResultRecord {
        let children = item.volumeBackups.map { volume in
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
        let server = item.extendInfo?.resourceName ?? item.resourceID
        var summary = "CSBS backup \(item.id) \(item.status) of server \(server)"
        if !children.isEmpty { summary += ", \(children.count) disk backup\(children.count == 1 ? "" : "s")" }
        return ResultRecord(
            kind: "backup", fields: Self.row(item).fields + [.init("children", .list(children))], summary: summary
        )
    }

    /// One CSBS backup as a `backups` row: the CBR row's fields (`vault_id` is null, `size_gb` the server's disk
    /// capacity) with `service: "csbs"`.
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
