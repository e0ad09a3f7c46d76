import Synchronization

/// The ordered matches of one backup listing (every page of it), cached so that paging through a listing costs
/// one SQL query per listing rather than one per page.
///
/// An entry holds the `rowid`s of every matching backup in the listing's order, so that a page's `count` is its
/// length and an `offset` an index into it. It is valid at one state version (``EmulatorStore/stateVersion(in:)``)
/// and for the window of emulator time `[from, until)` from its reading to the next stored
/// transition (``EmulatorStore/nextTransition(after:in:)``): statuses, and so `status` filters and sorts, change
/// only at transitions, and rows appear or go only through writes.
final class BackupListingCache: Sendable {
    /// A listing: the project and the filter without its paging (`limit`, `offset`, `marker`).
    struct Key: Hashable, Sendable {
        var projectID: String
        var filter: BackupFilter

        init(projectID: String, filter: BackupFilter) {
            var unpaged = filter
            unpaged.limit = 0
            unpaged.offset = 0
            unpaged.marker = nil
            self.projectID = projectID
            self.filter = unpaged
        }
    }

    /// The matches of a listing, in order, and when they were read.
    struct Listing: Sendable {
        var rowIDs: [Int64]
        var version: UInt64
        var from: Int64
        var until: Int64
    }

    private struct Contents: Sendable {
        var entries: [Key: Listing] = [:]
        var rows = 0
    }

    /// The most row ids kept over all listings (8 bytes each, 64 MiB in all); when over, every entry is dropped.
    /// A listing of up to a quarter of it is kept: 2,000,000 backups, so paging through a fixture of a million
    /// costs one query, not one full scan per page.
    static let rowCapacity = 8_000_000
    /// The most listings kept; when over, every entry is dropped.
    static let entryCapacity = 1_024

    private let contents = Mutex(Contents())

    /// The listing stored for `key`, if it was read at `version` and `now` is inside its window.
    func listing(for key: Key, version: UInt64, at now: Int64) -> Listing? {
        contents.withLock { contents in
            guard let listing = contents.entries[key], listing.version == version,
                listing.from <= now, now < listing.until
            else { return nil }
            return listing
        }
    }

    /// Stores a listing (ignored when its window is empty or it alone is over the capacity).
    func store(_ listing: Listing, for key: Key) {
        guard listing.from < listing.until, listing.rowIDs.count <= Self.rowCapacity / 4 else { return }
        contents.withLock { contents in
            if let old = contents.entries[key] { contents.rows -= old.rowIDs.count }
            if contents.rows + listing.rowIDs.count > Self.rowCapacity || contents.entries.count >= Self.entryCapacity {
                contents.entries.removeAll(keepingCapacity: true)
                contents.rows = 0
            }
            contents.entries[key] = listing
            contents.rows += listing.rowIDs.count
        }
    }
}

/// The JSON text of single backups (one element of a listing's `backups`, with its disk backups in `children`),
/// keyed by the backup's `rowid`, so that a page is the concatenation of cached fragments.
///
/// A fragment depends on the backup's row, its disk backups' rows, its vault (the enterprise project) and the
/// clock. It is valid at the state version it was rendered at (every write makes it stale) and for the window
/// `[from, until)` from its rendering to the backup's own next transition (``BackupDetails/renderedUntil(after:)``).
///
/// When full, it evicts a few entries at a time (CLOCK: a fragment read since the hand last passed it gets a
/// second chance). It used to drop all 96 MiB at once, and the request that filled it freed tens of thousands of
/// fragments while holding the lock every other page waits on: a spike in the tail of a long walk.
final class BackupFragmentCache: Sendable {
    /// One rendered backup.
    struct Fragment: Sendable {
        var bytes: [UInt8]
        var version: UInt64
        var from: Int64
        var until: Int64
    }

    private struct Slot: Sendable {
        var rowID: Int64
        var fragment: Fragment
        var referenced: Bool
    }

    private struct Contents: Sendable {
        /// The entries in the hand's circle; `nil` for a slot freed by an eviction (reused by the next store).
        var slots: [Slot?] = []
        /// The slot of each `rowid`.
        var positions: [Int64: Int] = [:]
        var free: [Int] = []
        var hand = 0
        var bytes = 0

        /// Evicts entries at the hand, in circle order, until `needed` more bytes fit (or nothing is left).
        mutating func makeRoom(for needed: Int, capacity: Int) {
            while bytes + needed > capacity, !positions.isEmpty {
                if hand >= slots.count { hand = 0 }
                defer { hand += 1 }
                guard let slot = slots[hand] else { continue }
                if slot.referenced {
                    slots[hand]?.referenced = false
                    continue
                }
                bytes -= slot.fragment.bytes.count
                positions[slot.rowID] = nil
                slots[hand] = nil
                free.append(hand)
            }
        }

        /// Puts a new entry in a free slot (the one the hand emptied last) or at the end of the circle.
        mutating func add(_ slot: Slot) {
            if let position = free.popLast() {
                slots[position] = slot
                positions[slot.rowID] = position
            } else {
                positions[slot.rowID] = slots.count
                slots.append(slot)
            }
            bytes += slot.fragment.bytes.count
        }
    }

    /// The most fragment bytes kept; past it, entries are evicted one by one.
    static let byteCapacity = 96 << 20

    private let contents = Mutex(Contents())
    private let capacity: Int

    /// - Parameter capacity: The most fragment bytes kept (``byteCapacity`` unless a test asks for less).
    init(capacity: Int = BackupFragmentCache.byteCapacity) {
        self.capacity = capacity
    }

    /// The fragments stored for `rowIDs` that were rendered at `version` and whose window holds `now`, in the
    /// same order; `nil` for each missing or stale one.
    func fragments(for rowIDs: ArraySlice<Int64>, version: UInt64, at now: Int64) -> [[UInt8]?] {
        contents.withLock { contents in
            rowIDs.map { rowID in
                guard let position = contents.positions[rowID], let slot = contents.slots[position] else { return nil }
                let fragment = slot.fragment
                guard fragment.version == version, fragment.from <= now, now < fragment.until else { return nil }
                contents.slots[position]?.referenced = true
                return fragment.bytes
            }
        }
    }

    /// Stores fragments by `rowid` (each ignored when its window is empty or it alone is over the capacity).
    func store(_ fragments: [(rowID: Int64, fragment: Fragment)]) {
        contents.withLock { contents in
            for (rowID, fragment) in fragments where fragment.from < fragment.until {
                let size = fragment.bytes.count
                guard size <= capacity else { continue }
                if let position = contents.positions[rowID], let old = contents.slots[position] {
                    // Replaced in place; the new fragment may be bigger than the old one.
                    contents.bytes += size - old.fragment.bytes.count
                    contents.slots[position] = Slot(rowID: rowID, fragment: fragment, referenced: true)
                    contents.makeRoom(for: 0, capacity: capacity)
                    continue
                }
                contents.makeRoom(for: size, capacity: capacity)
                contents.add(Slot(rowID: rowID, fragment: fragment, referenced: false))
            }
        }
    }

    /// The bytes kept now (for tests of the capacity).
    var storedBytes: Int { contents.withLock { $0.bytes } }
}
