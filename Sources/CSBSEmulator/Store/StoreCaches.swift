import GRDB
import NIOCore
import Synchronization

/// In-memory caches in front of the store, all keyed to the store's write version: every committed (or rolled
/// back) write transaction makes every entry stale at once, so a cached answer is never older than the last
/// write a client has seen acknowledged.
///
/// Only an in-memory store caches responses and tokens: a database file may also be written by another process
/// (`csbs serve` and an embedded emulator can share one), whose commits this process's observer never sees. The
/// backup page caches (`listings`, `fragments`) serve both kinds of store: they are keyed to the state version in
/// the database (``EmulatorStore/stateVersion(in:)``), which every process's writes raise.
final class StoreCaches: Sendable {
    /// Whether responses and tokens may be answered from memory without reading the database.
    let isEnabled: Bool
    /// The write version the caches check entries against.
    let version = StoreVersion()
    /// Serialized read responses (see ``EmulatorStore/cachedResponse(_:at:render:)``).
    let responses = ResponseCache()
    /// The ordered matches of backup listings (see ``EmulatorStore/backupPage(projectID:filter:at:environment:)``).
    let listings = BackupListingCache()
    /// The rendered JSON of single backups, the pieces of listing pages.
    let fragments = BackupFragmentCache()
    /// For an in-memory store: the state version last read and the write version at that read (see
    /// ``stateVersionIfUnchanged``).
    private let stateVersionSeen = Mutex<(writes: UInt64, state: UInt64)?>(nil)
    /// Token lookups: a token row never changes once issued, but a reset deletes it, hence the version check.
    let tokens = VersionedCache<String, TokenGrantRecords>(capacity: 4_096)

    /// - Parameter isEnabled: Whether to cache (only for a store no other process can write).
    init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// Records the state version a read saw. Call it inside the read: on the in-memory store's one serialised
    /// connection no commit can fall between the two numbers.
    func noteStateVersion(_ state: UInt64) {
        guard isEnabled else { return }
        let writes = version.current
        stateVersionSeen.withLock { $0 = (writes, state) }
    }

    /// The state version without reading the database, when that is sound: only an in-memory store (no other
    /// process writes it), and only while no transaction has ended since the version was last read (every write
    /// goes through this process's connection, whose commits and rollbacks ``version`` counts). With a cached
    /// listing and fragments, a `list_backups` page then needs no database access at all, and 16 clients do not
    /// queue on the connection for pages already rendered (at 10,000 backups about twice the pages per second).
    func stateVersionIfUnchanged() -> UInt64? {
        guard isEnabled else { return nil }
        let writes = version.current
        return stateVersionSeen.withLock { seen in
            guard let seen, seen.writes == writes else { return nil }
            return seen.state
        }
    }
}

/// A token with the user and the project or account it was issued for.
struct TokenGrantRecords: Sendable {
    var token: TokenRecord
    var user: UserRecord
    var scope: TokenScope
}

/// Counts the write transactions of the store's writer connection.
///
/// Registered as a GRDB transaction observer that asks for no row events (so writes pay nothing per row); GRDB
/// still tells it about every commit and rollback of the connection, including the implicit transactions of
/// statements run outside `write`. The count is raised before the writing call returns, so a request that
/// follows an acknowledged write always sees a newer version than any answer cached before it.
final class StoreVersion: TransactionObserver, Sendable {
    private let counter = Atomic<UInt64>(0)

    /// The number of transactions ended so far.
    var current: UInt64 { counter.load(ordering: .sequentiallyConsistent) }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }

    func databaseDidChange(with event: DatabaseEvent) {}

    func databaseDidCommit(_ db: Database) {
        counter.wrappingAdd(1, ordering: .sequentiallyConsistent)
    }

    func databaseDidRollback(_ db: Database) {
        counter.wrappingAdd(1, ordering: .sequentiallyConsistent)
    }
}

/// A bounded map whose entries are valid only at the write version they were read at.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var version: UInt64
        var value: Value
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    /// - Parameter capacity: The most entries kept; when full, every entry is dropped and filling starts over.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value stored for `key` at exactly `version`, if any.
    func value(for key: Key, version: UInt64) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.value
        }
    }

    /// Stores `value` as read at `version`.
    func store(_ value: Value, for key: Key, version: UInt64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(version: version, value: value)
        }
    }
}

/// Serialized response bodies of read routes, each valid at one write version and for a window of emulator
/// time in which nothing it shows can change by itself.
///
/// CBR statuses are derived from the clock (`protecting` until `finishesAt`, `deleting` until `deletingUntil`,
/// …), so an entry read at time `from` stays valid only until the earliest stored transition time after
/// `from` (``EmulatorStore/nextTransition(after:in:)``), and never for a time before `from` (the clock may be
/// set back).
final class ResponseCache: Sendable {
    /// What a response depends on besides the state: the project, the route and its parameters.
    struct Key: Hashable, Sendable {
        var projectID: String
        var route: String
        var parameters: String
    }

    private struct Entry: Sendable {
        var version: UInt64
        var from: Int64
        var until: Int64
        var body: ByteBuffer
    }

    private struct Contents: Sendable {
        var entries: [Key: Entry] = [:]
        var bytes = 0
    }

    /// The most body bytes kept; when over, every entry is dropped and filling starts over.
    static let byteCapacity = 64 << 20

    private let contents = Mutex(Contents())

    /// The body stored for `key`, if it was read at `version` and `now` is inside its window.
    func body(for key: Key, version: UInt64, at now: Int64) -> ByteBuffer? {
        contents.withLock { contents in
            guard let entry = contents.entries[key], entry.version == version, entry.from <= now, now < entry.until
            else { return nil }
            return entry.body
        }
    }

    /// Stores a body read at `version` and time `from`, valid until (not including) `until`.
    func store(_ body: ByteBuffer, for key: Key, version: UInt64, from: Int64, until: Int64) {
        guard from < until, body.readableBytes <= Self.byteCapacity / 4 else { return }
        contents.withLock { contents in
            if let old = contents.entries[key] { contents.bytes -= old.body.readableBytes }
            if contents.bytes + body.readableBytes > Self.byteCapacity {
                contents.entries.removeAll(keepingCapacity: true)
                contents.bytes = 0
            }
            contents.entries[key] = Entry(version: version, from: from, until: until, body: body)
            contents.bytes += body.readableBytes
        }
    }
}
