import CSBSEmulatorInterface
import Foundation
import GRDB

/// The emulator's state in SQLite: opens (or creates) the database, migrates it, seeds it, and offers
/// operations named after what they do, each in one transaction (see the `EmulatorStore+…` files).
struct EmulatorStore: Sendable {
    /// The database. A file store is a `DatabasePool` (WAL: reads run concurrently in read transactions, writes
    /// are serialised); an in-memory store is a `DatabaseQueue` (one connection, every access serialised).
    let writer: any DatabaseWriter
    /// The write version and the caches keyed to it (shared by every copy of this store; in-memory stores only).
    let caches: StoreCaches

    /// Opens the store.
    /// - Parameter storage: In memory, or a file (parent directories are created, WAL journal).
    /// - Throws: File system or SQLite errors.
    init(storage: EmulatorStorage) throws {
        if case .memory = storage {
            caches = StoreCaches(isEnabled: true)
        } else {
            caches = StoreCaches(isEnabled: false)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        switch storage {
        case .memory:
            writer = try DatabaseQueue(configuration: configuration)
        case .file(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            configuration.journalMode = .wal
            // `csbs serve` and an embedded run may share the file: wait for the other's write instead of failing.
            configuration.busyMode = .timeout(5)
            // Every connection syncs each commit, as `requireDurableCommits()` asks of the writer when the store
            // is opened (so the readers report the same level).
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // The writer's page cache: SQLite's default of 2 MiB is a sliver of a big fixture's indexes, and
                // each backup inserts into several of them at random places (UUID keys), so a checkpoint of a
                // 10,000-server vault read and spilled pages through the kernel for a fifth of its CPU.
                // Readers keep the default. Memory is taken as pages are used, up to this bound.
                if !db.configuration.readonly {
                    try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
                    // Statement journals in memory: an update or delete of backups fires the `backupTotals`
                    // triggers, so SQLite journals the pages each statement touches, which this build wrote to a
                    // temporary file (with an insert trigger, seeding 100,000 backups made 3.5 million `pwrite`
                    // calls, 7.3 GB).
                    try db.execute(sql: "PRAGMA temp_store = MEMORY")
                }
            }
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try EmulatorMigrations.migrator.migrate(writer)
        // A file opened before holds the seed already: one count by key instead of the inserts, whose first use of
        // GRDB's record persistence was about a tenth of the built-in emulator's start-up.
        try writer.write { db in
            if try !Self.holdsSeedDefaults(db) { try Self.seedDefaults(db) }
        }
        writer.add(transactionObserver: caches.version, extent: .observerLifetime)
    }

    /// The page cache of a file store's writer connection, in KiB (256 MiB).
    static let writerCacheKiB = 256 * 1024
}
