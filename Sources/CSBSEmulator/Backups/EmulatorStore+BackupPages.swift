import GRDB
import NIOCore

extension EmulatorStore {
    /// One page of `GET /v3/{project_id}/backups` as its JSON body (the same bytes as ``BackupListBody`` writes).
    ///
    /// Served, in memory and from a file alike, through two caches (``BackupListingCache``, ``BackupFragmentCache``):
    /// the listing's ordered `rowid`s and each backup's rendered JSON, both tied to the state version
    /// (``stateVersion(in:)``) and to a window of emulator time without transitions. One settled read checks the
    /// version and fills in what is missing, so a page costs its own rows, not the listing's: the `count` is the
    /// length of the cached listing and a deep `offset` an index into it, where SQL would count and skip every
    /// matching row (at 1,000,000 backups about 30 ms for the `COUNT` and as much again for a deep `OFFSET`).
    /// - Throws: `BackupService.9900` for a `marker` that is not a matching backup.
    func backupPage(
        projectID: String,
        filter: BackupFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> ByteBuffer {
        let key = BackupListingCache.Key(projectID: projectID, filter: filter)
        if filter.marker == nil, let version = caches.stateVersionIfUnchanged(),
            let page = Self.cachedPage(key, filter: filter, caches: caches, version: version, at: now)
        {
            return page
        }
        let caches = caches
        return try await settledRead(at: now, environment: environment) { db in
            try Self.renderPage(key, filter: filter, caches: caches, at: now, in: db)
        }
    }

    /// The page from the caches alone, or `nil` when the listing or any of the page's fragments is missing at
    /// `version` (an in-memory store's state version known without reading, ``StoreCaches/stateVersionIfUnchanged()``).
    private static func cachedPage(
        _ key: BackupListingCache.Key, filter: BackupFilter, caches: StoreCaches, version: UInt64, at now: Int64
    ) -> ByteBuffer? {
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

    /// Renders a page inside one read, taking what the caches hold at the state version this read sees and
    /// storing what it reads under that version (a read sees one snapshot: a file store's read transaction, or
    /// the in-memory store's serialised connection).
    private static func renderPage(
        _ key: BackupListingCache.Key, filter: BackupFilter, caches: StoreCaches, at now: Int64, in db: Database
    ) throws -> ByteBuffer {
        let version = try stateVersion(in: db)
        caches.noteStateVersion(version)
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
        if storeListing { caches.listings.store(listing, for: key) }
        caches.fragments.store(rendered.map { (rowID: $0.key, fragment: $0.value) })
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
        let statement = try db.cachedStatement(
            sql: "SELECT rowid AS listingRowID, * FROM backup WHERE rowid IN (\(placeholders))"
        )
        let positions = BackupRecord.ColumnPositions(statement)
        var listingRows: [Int64] = []
        var records: [BackupRecord] = []
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(rowIDs))
        while let row = try cursor.next() {
            listingRows.append(row[0])
            records.append(try BackupRecord(row: row, positions: positions))
        }
        let details = try backupDetails(of: records, in: db)
        var fragments: [Int64: BackupFragmentCache.Fragment] = [:]
        for (rowID, details) in zip(listingRows, details) {
            var writer = JSONWriter(capacity: 1024 * (1 + details.children.count))
            BackupBody(details, now: now).write(to: &writer)
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
        func next(_ time: Int64?, _ until: Int64) -> Int64 {
            guard let time, time > now else { return until }
            return min(until, time)
        }
        var until = next(backup.restoringUntil, next(backup.finishesAt, .max))
        for child in children {
            until = next(child.restoringUntil, next(child.finishesAt, until))
        }
        return until
    }
}
