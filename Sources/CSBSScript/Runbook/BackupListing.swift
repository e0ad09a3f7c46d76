import CSBSClient
import FoundationEssentials

/// Lists backups newest first: CBR's and, unless a vault is named, CSBS's merged by creation time. Where there is
/// no CSBS service, the CBR backups alone and the error that says so.
public struct BackupListing: Sendable {
    /// Which backups to list.
    public struct Query: Sendable, Hashable {
        /// A CBR vault; when set, CSBS is not asked (CSBS backups are in no vault).
        public var vaultID: String?
        /// The backed-up server (or disk).
        public var resourceID: String?
        /// One status; a status CSBS does not have lists no CSBS backups.
        public var status: String?
        /// Only backups made since then.
        public var since: Date?
        /// At most this many (at least 1).
        public var limit: Int?

        public init(
            vaultID: String? = nil, resourceID: String? = nil, status: String? = nil, since: Date? = nil, limit: Int? = nil
        ) {
            self.vaultID = vaultID
            self.resourceID = resourceID
            self.status = status
            self.since = since
            self.limit = limit
        }
    }

    /// The backups found, newest first, and why CSBS was left out (`nil` when it was asked or not meant to be).
    public struct Listing: Sendable {
        public var backups: [BackupHandle]
        public var csbsUnavailable: ClientError?
    }

    /// The statuses a CSBS backup can be in (API reference §5.7).
    public static let csbsStatuses: Set<String> = [
        "waiting_protect", "protecting", "available", "waiting_restore", "restoring", "error", "waiting_delete",
        "deleting", "deleted",
    ]

    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// The backups `query` asks for.
    public func list(_ query: Query) async throws -> Listing {
        var cbrQuery = BackupQuery(sort: "created_at:desc")
        cbrQuery.vaultID = query.vaultID
        cbrQuery.resourceID = query.resourceID
        if let status = query.status { cbrQuery.statuses = [status] }
        cbrQuery.startTime = query.since
        var backups: [BackupHandle] = []
        for try await backup in client.backups(cbrQuery, pageSize: min(query.limit ?? 100, 100)) {
            backups.append(.cbr(backup))
            if let limit = query.limit, backups.count >= limit { break }
        }
        guard query.vaultID == nil else { return Listing(backups: backups) }
        do {
            let csbs = try await csbsBackups(query)
            return Listing(backups: Self.newestFirst(backups, csbs, limit: query.limit))
        } catch let error as ClientError where BackupLookup.csbsIsMissing(error) {
            return Listing(backups: backups, csbsUnavailable: error)
        }
    }

    /// CSBS's backups for `query`, newest first.
    private func csbsBackups(_ query: Query) async throws -> [BackupHandle] {
        if let status = query.status, !Self.csbsStatuses.contains(status) { return [] }
        let csbsQuery = CheckpointItemQuery(resourceID: query.resourceID, status: query.status, sort: "created_at:desc")
        var items: [BackupHandle] = []
        for try await item in client.checkpointItems(csbsQuery, pageSize: min(query.limit ?? 100, 100)) {
            if let since = query.since, let created = item.createdAt.flatMap(WireDate.parse), created < since { break }
            items.append(.csbs(item))
            if let limit = query.limit, items.count >= limit { break }
        }
        return items
    }

    /// Both lists merged newest first by creation time (backups without a readable time last, ties in the order
    /// given), at most `limit`.
    static func newestFirst(_ cbr: [BackupHandle], _ csbs: [BackupHandle], limit: Int?) -> [BackupHandle] {
        func created(_ handle: BackupHandle) -> Date {
            handle.createdAt.flatMap(WireDate.parse) ?? .distantPast
        }
        let merged = (cbr + csbs).enumerated().sorted { left, right in
            let (a, b) = (created(left.element), created(right.element))
            return a != b ? a > b : left.offset < right.offset
        }.map(\.element)
        return limit.map { Array(merged.prefix($0)) } ?? merged
    }
}

extension BackupHandle {
    /// When the backup was made, as the service wrote it.
    public var createdAt: String? {
        switch self {
        case .cbr(let backup): backup.createdAt
        case .csbs(let item): item.createdAt
        }
    }
}
