import CSBSClient

/// Finds the backup an ID names: CBR first; when CBR answers not-found (404), the only backup of the CBR restore
/// point with that ID (what `backup` gives: `let cp = backup wait; restore backup $cp.id`), else a CSBS backup
/// with that ID, or the only backup of a CSBS backup record with that ID.
public struct BackupLookup: Sendable {
    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// The backup `id` names.
    /// - Throws: ``BackupLookupError/notFound(id:codes:underlying:csbsMissing:)`` when neither service knows it;
    ///   ``BackupLookupError/checkpointHoldsSeveral(checkpointID:backupIDs:count:)``,
    ///   ``BackupLookupError/recordHoldsSeveral(recordID:itemIDs:)``; other client errors as they come.
    public func find(_ id: String) async throws -> BackupHandle {
        let cbrError: ClientError
        do {
            return .cbr(try await client.showBackup(id: id))
        } catch let error as ClientError where error.status == 404 {
            cbrError = error
        }
        if let backup = try await onlyBackup(ofCheckpoint: id) {
            return .cbr(backup)
        }
        do {
            return .csbs(try await csbsItem(id))
        } catch let error as ClientError where error.status == 404 || Self.csbsIsMissing(error) {
            let missing = Self.csbsIsMissing(error)
            let codes = [cbrError.code, missing ? nil : error.code].compactMap { $0 }
            throw BackupLookupError.notFound(id: id, codes: codes, underlying: missing ? cbrError : error, csbsMissing: missing)
        }
    }

    /// The only backup of the CBR restore point `id` (a server backup with its disk backups is one), `nil` when no
    /// restore point has that ID: one listing (`checkpoint_id`), which CBR answers with an empty page for an ID it
    /// does not know.
    /// A listing the service refuses (400 or 404: an ID it will not take as a `checkpoint_id`) is no restore point
    /// either: the look-up goes on as before it was asked.
    /// - Throws: ``BackupLookupError/checkpointHoldsSeveral(checkpointID:backupIDs:count:)``.
    func onlyBackup(ofCheckpoint id: String) async throws -> Backup? {
        let page: BackupPage
        do {
            page = try await client.listBackups(BackupQuery(checkpointID: id, limit: Self.listed))
        } catch let error as ClientError where error.status == 400 || error.status == 404 {
            return nil
        }
        let backups = page.backups.filter { $0.parentID == nil }
        guard backups.count <= 1 else {
            let count = max(page.count?.value ?? backups.count, backups.count)
            throw BackupLookupError.checkpointHoldsSeveral(checkpointID: id, backupIDs: backups.map(\.id), count: count)
        }
        return backups.first
    }

    /// How many backups of a restore point the look-up lists (and an error about several names).
    static let listed = 10

    /// The CSBS backup `id` names: a backup ID, else a backup record ID whose record holds exactly one backup.
    /// - Throws: ``ClientError`` `CSBS.3001` when there is neither; ``BackupLookupError/recordHoldsSeveral(recordID:itemIDs:)``.
    public func csbsItem(_ id: String) async throws -> CSBSv1CheckpointItem {
        do {
            return try await client.showCheckpointItem(id: id)
        } catch let error as ClientError where error.code == "CSBS.3001" {
            let items = try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: id, limit: 10))
            guard items.count <= 1 else {
                throw BackupLookupError.recordHoldsSeveral(recordID: id, itemIDs: items.map(\.id))
            }
            guard let item = items.first else { throw error }
            return item
        }
    }

    /// Whether a CSBS call failed because this cloud or project has no CSBS service: a 404 other than
    /// backup-not-found (no such endpoint or API), `BackupService.4008` (new projects cannot use CSBS), or a
    /// CSBS host name that does not resolve.
    public static func csbsIsMissing(_ error: ClientError) -> Bool {
        if error.status == 404 { return error.code != "CSBS.3001" }
        if error.code == "BackupService.4008" { return true }
        return error.kind == .network && error.message.contains(": unknown host")
    }
}

/// Why ``BackupLookup`` found no backup.
public enum BackupLookupError: Error, Sendable {
    /// Neither service knows the ID; `codes` are the services' error codes, `csbsMissing` says there is no CSBS
    /// service to ask (`underlying` is then CBR's not-found, else CSBS's).
    case notFound(id: String, codes: [String], underlying: ClientError, csbsMissing: Bool)
    /// The ID names a CSBS backup record that holds several backups.
    case recordHoldsSeveral(recordID: String, itemIDs: [String])
    /// The ID names a CBR restore point that holds `count` backups (the first of them in `backupIDs`).
    case checkpointHoldsSeveral(checkpointID: String, backupIDs: [String], count: Int)
}
