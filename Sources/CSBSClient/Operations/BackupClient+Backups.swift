import FoundationEssentials

extension BackupClient {
    /// `GET /v3/{project_id}/backups`: one page of backups matching `query`.
    public func listBackups(_ query: BackupQuery = .init()) async throws -> BackupPage {
        try await send(.listBackups, query: query.queryItems)
    }

    /// Every backup matching `query`, page by page.
    ///
    /// - Parameters:
    ///   - query: filters; its `limit`, `offset` and `marker` are managed by the sequence.
    ///   - pageSize: backups per request.
    ///   - usingMarker: page with `marker` (the last id seen) instead of `offset`; stabler while backups are
    ///     being created.
    public func backups(_ query: BackupQuery = .init(), pageSize: Int = 100, usingMarker: Bool = false)
        -> PageSequence<Backup>
    {
        backupPages(query, pageSize: pageSize, usingMarker: usingMarker) { client, page in
            let result = try await client.listBackups(page)
            return (result.backups, result.count?.value)
        }
    }

    /// Every backup matching `query` as a ``BackupSummary``, page by page: the same calls as
    /// ``backups(_:pageSize:usingMarker:)``, each answer decoded to the fields a wait and a report read.
    public func backupSummaries(_ query: BackupQuery = .init(), pageSize: Int = 100, usingMarker: Bool = false)
        -> PageSequence<BackupSummary>
    {
        backupPages(query, pageSize: pageSize, usingMarker: usingMarker) { client, page in
            let result: BackupSummaryPage = try await client.send(.listBackupSummaries, query: page.queryItems)
            return (result.backups, result.count?.value)
        }
    }

    /// The pages of `list_backups` for `query`, each fetched by `list` (which decodes it to `Element`s and the
    /// service's total count).
    private func backupPages<Element: Identifiable & Sendable>(
        _ query: BackupQuery, pageSize: Int, usingMarker: Bool,
        list: @escaping @Sendable (BackupClient, BackupQuery) async throws -> (elements: [Element], total: Int?)
    ) -> PageSequence<Element> where Element.ID == String {
        let client = self
        let first: PageCursor = usingMarker ? .marker(query.marker) : .offset(query.offset ?? 0)
        return PageSequence(first: first, source: pageSource(.listBackups)) { cursor in
            var page = query
            page.limit = pageSize
            switch cursor {
            case .offset(let offset):
                page.offset = offset
                page.marker = nil
            case .marker(let marker):
                page.offset = nil
                page.marker = marker
            }
            let result = try await list(client, page)
            let next: PageCursor?
            switch cursor {
            case .offset(let offset):
                next = .afterOffsetPage(
                    offset: offset, received: result.elements.count, limit: pageSize, total: result.total
                )
            case .marker:
                next = .afterMarkerPage(
                    lastID: result.elements.last?.id, received: result.elements.count, limit: pageSize
                )
            }
            return FetchedPage(elements: result.elements, next: next)
        }
    }

    /// `GET /v3/{project_id}/backups/{backup_id}`.
    public func showBackup(id: String) async throws -> Backup {
        let response: BackupEnvelope = try await send(.showBackup, id)
        return response.backup
    }

    /// `PUT /v3/{project_id}/backups/{backup_id}`: renames a backup (the only field that can change).
    public func updateBackup(id: String, name: String) async throws -> Backup {
        let response: BackupEnvelope = try await send(.updateBackup, id, body: UpdateBackupBody(backup: .init(name: name)))
        return response.backup
    }

    /// `DELETE /v3/{project_id}/backups/{backup_id}` (204). Deletion is asynchronous: the backup reads
    /// `deleting` until it is gone; see ``waitForBackupDeletion(id:policy:onUpdate:)``.
    ///
    /// If the answer is lost, the deletion is not re-sent blindly: a backup that is gone or `deleting` counts as
    /// deleted.
    public func deleteBackup(id: String) async throws {
        let reconciler = Reconciler<Void>(what: "backup \(id) gone or being deleted") { _ in
            do {
                let backup = try await showBackup(id: id)
                let deleting: Set<String> = [Backup.Status.deleting.rawValue, Backup.Status.waitingDelete.rawValue]
                return backup.status.map(deleting.contains) == true ? () : nil
            } catch let error as ClientError where error.status == 404 {
                return ()
            }
        }
        try await sendExpectingNoContent(.deleteBackup, id, reconciler: reconciler
        )
    }

    /// `POST /v3/{project_id}/backups/{backup_id}/restore` (202, no body): starts restoring the backup onto
    /// the target in `parameters`. The backup reads `restoring` meanwhile; see
    /// ``waitForRestore(backupID:policy:onUpdate:)``.
    ///
    /// If the answer is lost, the restore is not sent again blindly: the client checks whether the backup is
    /// restoring (or a restore task for it started since) and reports that as success.
    public func restoreBackup(id: String, _ parameters: RestoreParameters) async throws {
        let reconciler = Reconciler<Void>(what: "a restore of backup \(id)") { since in
            try await restoreStarted(backupID: id, since: since) ? () : nil
        }
        try await sendExpectingNoContent(.restoreBackup, id, body: RestoreBody(restore: parameters), reconciler: reconciler
        )
    }

    /// Whether a restore of the backup is under way or a restore task for it began at or after `since`.
    func restoreStarted(backupID: String, since: Date) async throws -> Bool {
        let backup = try await showBackup(id: backupID)
        if backup.status == Backup.Status.restoring.rawValue || backup.status == Backup.Status.waitingRestore.rawValue {
            return true
        }
        let logs = try await listOperationLogs(OperationLogQuery(operationType: "restore", startTime: since, limit: 100))
        return logs.operationLogs.contains { log in
            guard log.extraInfo?.restore?.backupID == backupID else { return false }
            guard let created = log.createdAt.flatMap(WireDate.parse) else { return true }
            return created >= since
        }
    }
}

/// The body of a `backup` answer (show, update): `{"backup": …}`.
public struct BackupEnvelope: Codable, Sendable, Hashable {
    public var backup: Backup

    public init(backup: Backup) {
        self.backup = backup
    }
}

/// The body of `PUT /v3/{project_id}/backups/{backup_id}`: a new name.
public struct UpdateBackupBody: Codable, Sendable, Hashable {
    public var backup: Name

    public init(backup: Name) {
        self.backup = backup
    }

    /// The backup's new name.
    public struct Name: Codable, Sendable, Hashable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }
}

struct RestoreBody: Encodable, Sendable {
    var restore: RestoreParameters
}
