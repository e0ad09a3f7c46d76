import GRDB
import NIOCore

extension EmulatorStore {
    /// One page of `GET /v3/{project_id}/backups` as its JSON body (the same bytes as ``BackupListBody`` writes).
    ///
    /// An in-memory store serves it from two caches (``BackupListingCache``, ``BackupFragmentCache``): the
    /// listing's ordered `rowid`s and each backup's rendered JSON, both tied to the write version and to a window
    /// of emulator time without transitions. A page whose listing and fragments are all cached needs no database
    /// access; otherwise one settled read fills in what is missing. A file store renders every page from SQL.
    /// - Throws: `BackupService.9900` for a `marker` that is not a matching backup.
    func backupPage(
        projectID: String,
        filter: BackupFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> ByteBuffer {
        guard caches.isEnabled else {
            let (total, page) = try await backups(
                projectID: projectID, filter: filter, at: now, environment: environment
            )
            let body = BackupListBody(
                backups: page.map { BackupBody($0, now: now) }, count: total, offset: filter.offset, limit: filter.limit
            )
            return ByteBuffer(bytes: body.jsonBytes())
        }
        let key = BackupListingCache.Key(projectID: projectID, filter: filter)
        if filter.marker == nil, let page = Self.cachedPage(key, filter: filter, caches: caches, at: now) {
            return page
        }
        let caches = caches
        return try await settledRead(at: now, environment: environment) { db in
            try Self.renderPage(key, filter: filter, caches: caches, at: now, in: db)
        }
    }

    /// The page from the caches alone, or `nil` when the listing or any of the page's fragments is missing.
    private static func cachedPage(
        _ key: BackupListingCache.Key, filter: BackupFilter, caches: StoreCaches, at now: Int64
    ) -> ByteBuffer? {
        let version = caches.version.current
        guard let listing = caches.listings.listing(for: key, version: version, at: now) else { return nil }
        let rows = listing.page(offset: filter.offset, limit: filter.limit)
        var fragments: [[UInt8]] = []
        fragments.reserveCapacity(rows.count)
        for fragment in caches.fragments.fragments(for: rows, version: version, at: now) {
            guard let fragment else { return nil }
            fragments.append(fragment)
        }
        return BackupListBody.assemble(fragments, count: listing.rowIDs.count, offset: filter.offset, limit: filter.limit)
    }

    /// Renders a page inside one read transaction, taking what the caches hold at the current version and
    /// storing what it reads.
    ///
    /// Caching stores are `DatabaseQueue`s, whose accesses are serialised, so the version read here is the
    /// version of the state this transaction sees; it is read again at the end and nothing is stored if it moved.
    private static func renderPage(
        _ key: BackupListingCache.Key, filter: BackupFilter, caches: StoreCaches, at now: Int64, in db: Database
    ) throws -> ByteBuffer {
        let version = caches.version.current
        var storeListing = false
        let listing: BackupListingCache.Listing
        if let cached = caches.listings.listing(for: key, version: version, at: now) {
            listing = cached
        } else {
            let query = BackupListQuery(projectID: key.projectID, filter: key.filter, now: now)
            let rowIDs = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT rowid FROM backup WHERE \(query.condition) ORDER BY \(query.order)"),
                arguments: query.arguments
            )
            let until = try nextTransition(after: now, in: db) ?? .max
            listing = BackupListingCache.Listing(rowIDs: rowIDs, version: version, from: now, until: until)
            storeListing = true
        }
        var offset = filter.offset
        if let marker = filter.marker {
            let markerRow = try Int64.fetchOne(
                db, sql: "SELECT rowid FROM backup WHERE id = ? AND projectId = ?", arguments: [marker, key.projectID]
            )
            guard let markerRow, let index = listing.rowIDs.firstIndex(of: markerRow) else {
                throw EmulatorError.invalidParameter("marker \(marker) is not a backup of this listing.")
            }
            offset += index + 1
        }
        let rows = listing.page(offset: offset, limit: filter.limit)
        var fragments = caches.fragments.fragments(for: rows, version: version, at: now)
        let missing = zip(rows, fragments).compactMap { row, fragment in fragment == nil ? row : nil }
        let rendered = try renderFragments(missing, version: version, at: now, in: db)
        for index in fragments.indices where fragments[index] == nil {
            fragments[index] = rendered[rows[rows.startIndex + index]]?.bytes
        }
        if caches.version.current == version {
            if storeListing { caches.listings.store(listing, for: key) }
            caches.fragments.store(rendered.map { (rowID: $0.key, fragment: $0.value) })
        }
        return BackupListBody.assemble(
            fragments.compactMap { $0 }, count: listing.rowIDs.count, offset: filter.offset, limit: filter.limit
        )
    }

    /// Reads and renders the backups with these `rowid`s (with their disk backups and vaults, three queries).
    private static func renderFragments(
        _ rowIDs: [Int64], version: UInt64, at now: Int64, in db: Database
    ) throws -> [Int64: BackupFragmentCache.Fragment] {
        guard !rowIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: rowIDs.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db, sql: "SELECT rowid AS listingRowID, * FROM backup WHERE rowid IN (\(placeholders))",
            arguments: StatementArguments(rowIDs)
        )
        let records = try rows.map { try BackupRecord(row: $0) }
        let details = try backupDetails(of: records, in: db)
        var fragments: [Int64: BackupFragmentCache.Fragment] = [:]
        for (row, details) in zip(rows, details) {
            var writer = JSONWriter(capacity: 1024 * (1 + details.children.count))
            BackupBody(details, now: now).write(to: &writer)
            let rowID: Int64 = row["listingRowID"]
            fragments[rowID] = BackupFragmentCache.Fragment(
                bytes: writer.bytes, version: version, from: now, until: details.renderedUntil(after: now)
            )
        }
        return fragments
    }
}

extension BackupListingCache.Listing {
    /// The row ids of the page starting at `offset` (empty past the end).
    func page(offset: Int, limit: Int) -> ArraySlice<Int64> {
        guard offset < rowIDs.count else { return [] }
        return rowIDs[offset..<min(rowIDs.count, offset + limit)]
    }
}

extension BackupDetails {
    /// The first time after `now` at which this backup's wire form changes by itself (its or a disk backup's
    /// protection or restore ending), `Int64.max` when none is pending. Deletions end only through a write.
    func renderedUntil(after now: Int64) -> Int64 {
        var until = Int64.max
        for record in [backup] + children {
            for time in [record.finishesAt, record.restoringUntil].compactMap({ $0 }) where time > now {
                until = min(until, time)
            }
        }
        return until
    }
}
