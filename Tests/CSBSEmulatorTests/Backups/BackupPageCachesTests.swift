@testable import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import GRDB
import NIOCore
import Synchronization
import Testing

@Suite("Backup pages from the listing and fragment caches")
struct BackupPageCachesTests {
    private static let project = EmulatorAccount.demo.projectID
    private static let minute: Int64 = 60_000_000

    /// A memory store holding one vault with `count` checkpoints one minute apart, each with a server backup
    /// (two disk backups as children) and, every third one, a disk backup of its own; some end in `error`, some
    /// names need escaping, and the last checkpoints finish only after `protectingUntil`.
    static func store(
        count: Int = 12, protectingUntil: Int64 = 100 * minute, storage: EmulatorStorage = .memory
    ) throws -> EmulatorStore {
        let store = try EmulatorStore(storage: storage)
        let seed = try #require(SeedAccount.all.first { $0.account.projectID == project })
        try store.writer.write { db in
            try VaultRecord(
                id: "vault-1", projectId: project, userId: seed.userID, name: "v", description: nil,
                objectType: "server", protectType: "backup", consistentLevel: "crash_consistent", cloudType: "public",
                chargingMode: "post_paid", sizeGB: 100, status: "available", enterpriseProjectId: "ep-1",
                autoBind: false, autoExpand: false, smnNotify: true, threshold: 80, createdAt: 0
            ).insert(db)
            for index in 0..<count {
                let created = Int64(index) * minute
                let finishes = index >= count - 2 ? protectingUntil + Int64(index) : created + minute / 2
                let outcome = index % 5 == 4 ? "error" : "available"
                try CheckpointRecord(
                    id: "cp-\(index)", projectId: project, vaultId: "vault-1", name: "cp", description: "",
                    incremental: true, autoTrigger: false, retentionDuration: -1, createdAt: created,
                    finishesAt: finishes, outcome: outcome, skipped: "[]"
                ).insert(db)
                let server = record(
                    "b-\(index)", checkpoint: index, parent: nil, type: ResourceType.server,
                    name: index % 4 == 1 ? "quote \" and \\ \(index)" : "bk_\(index)", created: created,
                    finishes: finishes, outcome: outcome
                )
                try server.insert(db)
                for (disk, bootable) in [("sys", true), ("data", false)] {
                    var child = record(
                        "b-\(index)-\(disk)", checkpoint: index, parent: server.id, type: ResourceType.volume,
                        name: "bk_\(index)", created: created, finishes: finishes, outcome: outcome
                    )
                    child.bootable = bootable
                    try child.insert(db)
                }
                if index % 3 == 0 {
                    try record(
                        "v-\(index)", checkpoint: index, parent: nil, type: ResourceType.volume, name: "vol_\(index)",
                        created: created, finishes: finishes, outcome: outcome
                    ).insert(db)
                }
            }
        }
        return store
    }

    private static func record(
        _ id: String, checkpoint: Int, parent: String?, type: String, name: String, created: Int64, finishes: Int64,
        outcome: String
    ) -> BackupRecord {
        BackupRecord(
            id: id, checkpointId: "cp-\(checkpoint)", parentId: parent, vaultId: "vault-1", projectId: project,
            resourceId: "res-\(id)", resourceName: "name-\(id)", resourceType: type, resourceSizeGB: 40, sizeMB: 1024,
            name: name, description: "", incremental: checkpoint > 0, autoTrigger: false, createdAt: created,
            finishesAt: finishes, outcome: outcome, updatedAt: 0, resourceAz: "cn-north-4a", bootable: false,
            restoringUntil: nil, deletingUntil: nil
        )
    }

    /// A backup with every optional field set (no vault, checkpoint or project rows behind it).
    static func sampleBackup() -> BackupRecord {
        var backup = record(
            "b-full", checkpoint: 1, parent: "b-parent", type: ResourceType.volume, name: "full", created: 10,
            finishes: 20, outcome: "available"
        )
        backup.restoringUntil = 30
        backup.deletingUntil = 40
        backup.expiresAt = 50
        backup.imageType = "replication"
        backup.sourceBackupId = "b-source"
        backup.updatedAt = 15
        backup.bootable = true
        return backup
    }

    /// The page as rendered straight from SQL, without any cache: the reference the cached path must equal
    /// (``EmulatorStore/sqlPage(projectID:filter:at:)``).
    static func uncached(_ store: EmulatorStore, _ filter: BackupFilter, at now: Int64) async throws -> String {
        let (total, page) = try await store.sqlPage(projectID: project, filter: filter, at: now)
        let body = BackupListBody(
            backups: page.map { BackupBody($0, now: now) }, count: total, offset: filter.offset, limit: filter.limit
        )
        return String(decoding: body.jsonBytes(), as: UTF8.self)
    }

    /// A file store in a new temporary directory, and the directory to remove.
    static func fileStorage() -> (EmulatorStorage, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-pages-\(UUID().uuidString)")
        return (.file(path: directory.appendingPathComponent("state.sqlite").path), directory)
    }

    static func page(_ store: EmulatorStore, _ filter: BackupFilter, at now: Int64) async throws -> String {
        String(buffer: try await store.backupPage(projectID: project, filter: filter, at: now, environment: .testing))
    }

    static func filter(_ query: String) throws -> BackupFilter {
        var filter = BackupFilter()
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "limit": filter.limit = Int(parts[1]) ?? 0
            case "offset": filter.offset = Int(parts[1]) ?? 0
            case "marker": filter.marker = parts[1]
            case "sort": filter.order = try BackupFilter.order(parts[1])
            case "status": filter.statuses.append(parts[1])
            case "parent_id": filter.parentID = parts[1]
            case "resource_type": filter.resourceType = parts[1]
            default: Issue.record("unknown test parameter \(parts[0])")
            }
        }
        return filter
    }

    @Test(
        "a page from the caches has the bytes of the page rendered from SQL, cold and warm",
        arguments: [
            "", "limit=5", "limit=5&offset=5", "limit=5&offset=15", "limit=5&offset=99", "limit=3&marker=b-7",
            "sort=name:asc,created_at:asc&limit=4&offset=2", "sort=status:asc", "status=error",
            "status=protecting&status=error", "parent_id=b-3", "resource_type=OS::Cinder::Volume&limit=2&offset=1",
        ]
    )
    func bytesMatch(query: String) async throws {
        try await Self.checkBytesMatch(query: query, in: try Self.store())
        let (storage, directory) = Self.fileStorage()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.checkBytesMatch(query: query, in: try Self.store(storage: storage))
    }

    private static func checkBytesMatch(query: String, in store: EmulatorStore) async throws {
        let filter = try Self.filter(query)
        for now in [30 * Self.minute, 30 * Self.minute + 1, 200 * Self.minute] {
            let expected = try await Self.uncached(store, filter, at: now)
            #expect(try await Self.page(store, filter, at: now) == expected)
            #expect(try await Self.page(store, filter, at: now) == expected)
            // Other pages of the same listing, then this one again, from the warm caches.
            _ = try await Self.page(store, BackupFilter(), at: now)
            #expect(try await Self.page(store, filter, at: now) == expected)
        }
    }

    @Test("a marker that is not in the listing is BackupService.9900, cold and warm")
    func unknownMarker() async throws {
        let store = try Self.store()
        _ = try await Self.page(store, try Self.filter("limit=2"), at: 0)
        for marker in ["nope", "b-3-sys"] {
            await #expect(throws: EmulatorError.self) {
                _ = try await Self.page(store, try Self.filter("limit=2&marker=\(marker)"), at: 0)
            }
        }
    }

    @Test("a write makes every cached fragment and listing stale")
    func writesInvalidate() async throws {
        let store = try Self.store()
        let now = 30 * Self.minute
        let filter = try Self.filter("limit=4")
        let before = try await Self.page(store, filter, at: now)
        #expect(!before.contains("renamed"))
        // b-11 is the newest backup, on the first page; a rename moves no row, so only its fragment changes.
        _ = try await store.renameBackup(
            id: "b-11", projectID: Self.project, name: "renamed", at: now, environment: .testing
        )
        let after = try await Self.page(store, filter, at: now)
        #expect(after.contains(#""name":"renamed""#))
        #expect(after == (try await Self.uncached(store, filter, at: now)))
    }

    @Test("a reset empties a cached listing")
    func resetInvalidates() async throws {
        let store = try Self.store()
        let filter = try Self.filter("limit=4")
        _ = try await Self.page(store, filter, at: 0)
        try store.resetToSeed(inventory: nil)
        #expect(try await Self.page(store, filter, at: 0) == #"{"backups":[],"count":0,"limit":4,"offset":0}"#)
    }

    @Test("a cached page changes when the clock passes a backup's finish time, with no write in between")
    func clockInvalidates() async throws {
        let store = try Self.store(protectingUntil: 100 * Self.minute)
        let filter = try Self.filter("limit=2")
        let before = try await Self.page(store, filter, at: 50 * Self.minute)
        #expect(before.contains(#""status":"protecting""#))
        // b-10 finishes at 100 min + 10 µs, b-11 at 100 min + 11 µs.
        let between = try await Self.page(store, filter, at: 100 * Self.minute + 10)
        #expect(between == (try await Self.uncached(store, filter, at: 100 * Self.minute + 10)))
        #expect(between.contains(#""status":"protecting""#))
        let after = try await Self.page(store, filter, at: 100 * Self.minute + 11)
        #expect(!after.contains(#""status":"protecting""#))
        #expect(after == (try await Self.uncached(store, filter, at: 100 * Self.minute + 11)))
        // The clock set back shows the earlier state again.
        #expect(try await Self.page(store, filter, at: 50 * Self.minute) == before)
    }

    @Test("a fragment is valid until the first protection or restore end after now, its own or a disk backup's")
    func renderedUntil() {
        var server = Self.sampleBackup()
        server.finishesAt = 100
        server.restoringUntil = 400
        var system = server
        system.finishesAt = 100
        system.restoringUntil = 300
        var data = server
        data.finishesAt = 200
        data.restoringUntil = nil
        let details = BackupDetails(backup: server, children: [system, data], enterpriseProjectId: "0")
        #expect(details.renderedUntil(after: 50) == 100)
        #expect(details.renderedUntil(after: 100) == 200)
        #expect(details.renderedUntil(after: 200) == 300)
        #expect(details.renderedUntil(after: 300) == 400)
        #expect(details.renderedUntil(after: 400) == .max)
        #expect(BackupDetails(backup: server, children: [], enterpriseProjectId: "0").renderedUntil(after: 100) == 400)
    }

    @Test("a status filter follows the clock through a cached listing")
    func statusListingFollowsTheClock() async throws {
        let store = try Self.store(protectingUntil: 100 * Self.minute)
        let filter = try Self.filter("status=protecting")
        #expect(try await Self.page(store, filter, at: 50 * Self.minute).contains(#""count":2"#))
        #expect(try await Self.page(store, filter, at: 200 * Self.minute).contains(#""count":0"#))
    }

    @Test("a file store keeps the listing, so a deep page is an index into it rather than a COUNT and an OFFSET")
    func fileStoresCacheListings() async throws {
        let (storage, directory) = Self.fileStorage()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(count: 40, storage: storage)
        let now = 300 * Self.minute
        let deep = try Self.filter("limit=3&offset=45")
        #expect(try await Self.page(store, deep, at: now) == (try await Self.uncached(store, deep, at: now)))
        let version = try await store.writer.read { db in try EmulatorStore.stateVersion(in: db) }
        let key = BackupListingCache.Key(projectID: Self.project, filter: deep)
        let listing = try #require(store.caches.listings.listing(for: key, version: version, at: now))
        #expect(listing.rowIDs.count == 54)
    }

    @Test("an in-memory store serves a page already rendered without a statement; a write brings the reads back")
    func memoryPagesSkipTheDatabase() async throws {
        let store = try Self.store()
        let statements = Mutex(0)
        try await store.writer.writeWithoutTransaction { db in
            db.trace { _ in statements.withLock { $0 += 1 } }
        }
        let now = 300 * Self.minute
        let filter = try Self.filter("limit=4&offset=2")
        let first = try await Self.page(store, filter, at: now)
        #expect(statements.withLock { $0 } > 0)
        statements.withLock { $0 = 0 }
        #expect(try await Self.page(store, filter, at: now) == first)
        #expect(statements.withLock { $0 } == 0)
        _ = try await store.renameBackup(id: "b-9", projectID: Self.project, name: "renamed", at: now, environment: .testing)
        statements.withLock { $0 = 0 }
        let after = try await Self.page(store, filter, at: now)
        #expect(statements.withLock { $0 } > 0)
        #expect(after.contains(#""name":"renamed""#))
    }

    @Test("a listing cached by one process is not served after another process writes the same file")
    func anotherProcessWriteInvalidates() async throws {
        let (storage, directory) = Self.fileStorage()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = try Self.store(storage: storage)
        // A second store on the same file: another process, whose commits the first one's observer never sees.
        let writer = try EmulatorStore(storage: storage)
        let now = 300 * Self.minute
        let filter = try Self.filter("limit=4")
        #expect(!(try await Self.page(reader, filter, at: now)).contains("renamed"))
        _ = try await writer.renameBackup(id: "b-11", projectID: Self.project, name: "renamed", at: now, environment: .testing)
        let after = try await Self.page(reader, filter, at: now)
        #expect(after.contains(#""name":"renamed""#))
        #expect(after == (try await Self.uncached(reader, filter, at: now)))
    }

    @Test("the fragment cache evicts entries one by one, sparing those read since the hand passed")
    func fragmentsAreBounded() {
        let cache = BackupFragmentCache(capacity: 400)
        func fragment(_ size: Int) -> BackupFragmentCache.Fragment {
            BackupFragmentCache.Fragment(bytes: Array(repeating: UInt8(ascii: "x"), count: size), version: 1, from: 0, until: 10)
        }
        cache.store((1...4).map { (rowID: Int64($0), fragment: fragment(100)) })
        #expect(cache.storedBytes == 400)
        // Row 1 is read, so the hand passes over it and evicts row 2 for row 5.
        #expect(cache.fragments(for: [1], version: 1, at: 5).map { $0 != nil } == [true])
        cache.store([(rowID: 5, fragment: fragment(100))])
        #expect(cache.storedBytes == 400)
        #expect(cache.fragments(for: [1, 2, 3, 4, 5], version: 1, at: 5).map { $0 != nil } == [true, false, true, true, true])
        // A bigger fragment evicts as many as it needs, and never more.
        cache.store([(rowID: 6, fragment: fragment(250))])
        #expect(cache.storedBytes <= 400)
        #expect(cache.storedBytes >= 400 - 100)
        #expect(cache.fragments(for: [6], version: 1, at: 5).map { $0 != nil } == [true])
        // One fragment over the capacity is not kept.
        cache.store([(rowID: 7, fragment: fragment(401))])
        #expect(cache.fragments(for: [7], version: 1, at: 5) == [nil])
        #expect(cache.fragments(for: [6], version: 2, at: 5) == [nil])
        #expect(cache.fragments(for: [6], version: 1, at: 10) == [nil])
    }

    @Test("the fragment cache never holds more than its capacity whatever the order of stores and reads")
    func fragmentsStayBounded() {
        let cache = BackupFragmentCache(capacity: 10_000)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let rowID = Int64.random(in: 0..<300, using: &generator)
            let size = Int.random(in: 1...900, using: &generator)
            let fragment = BackupFragmentCache.Fragment(
                bytes: Array(repeating: 0, count: size), version: 1, from: 0, until: 10
            )
            cache.store([(rowID: rowID, fragment: fragment)])
            #expect(cache.storedBytes <= 10_000)
            if round % 3 == 0 {
                let read = cache.fragments(for: [rowID], version: 1, at: 5)
                #expect(read.first??.count == size)
            }
        }
    }

    @Test("the listing cache drops everything rather than grow past its capacity")
    func listingsAreBounded() {
        let cache = BackupListingCache()
        let rows = Array(repeating: Int64(1), count: BackupListingCache.rowCapacity / 4)
        for index in 0..<5 {
            var filter = BackupFilter()
            filter.name = "n\(index)"
            let listing = BackupListingCache.Listing(rowIDs: rows, version: 1, from: 0, until: 10)
            cache.store(listing, for: BackupListingCache.Key(projectID: "p", filter: filter))
        }
        var first = BackupFilter()
        first.name = "n0"
        var last = BackupFilter()
        last.name = "n4"
        #expect(cache.listing(for: BackupListingCache.Key(projectID: "p", filter: first), version: 1, at: 0) == nil)
        #expect(cache.listing(for: BackupListingCache.Key(projectID: "p", filter: last), version: 1, at: 0) != nil)
        // Paging parameters are not part of a listing's key.
        last.offset = 7
        last.limit = 3
        #expect(cache.listing(for: BackupListingCache.Key(projectID: "p", filter: last), version: 1, at: 9) != nil)
    }
}

extension EmulatorStore {
    /// One page of a backup listing straight from SQL, with no cache: the matches counted with `COUNT(*)`, the page
    /// read with `LIMIT`/`OFFSET`, a `marker` found by reading every matching id (the behaviour the cached path of
    /// ``backupPage(projectID:filter:at:environment:)`` must reproduce byte for byte).
    func sqlPage(projectID: String, filter: BackupFilter, at now: Int64) async throws -> (total: Int, page: [BackupDetails]) {
        try await settledRead(at: now, environment: .testing) { db in
            let query = BackupListQuery(projectID: projectID, filter: filter, now: now)
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM backup WHERE \(query.condition)", arguments: query.arguments
            ) ?? 0
            var skip = filter.offset
            if let marker = filter.marker {
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM backup WHERE \(query.condition) ORDER BY \(query.order)", arguments: query.arguments
                )
                guard let index = ids.firstIndex(of: marker) else {
                    throw EmulatorError.invalidParameter("marker \(marker) is not a backup of this listing.")
                }
                skip += index + 1
            }
            var arguments = query.arguments
            arguments += ["limit": filter.limit, "offset": skip]
            let rows = try BackupRecord.fetchAll(
                db,
                sql: "SELECT * FROM backup WHERE \(query.condition) ORDER BY \(query.order) LIMIT :limit OFFSET :offset",
                arguments: arguments
            )
            return (total, try Self.backupDetails(of: rows, in: db))
        }
    }
}
