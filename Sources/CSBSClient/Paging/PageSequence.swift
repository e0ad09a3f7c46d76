/// Where the next page of a list starts.
public enum PageCursor: Sendable, Hashable {
    /// Offset pagination: skip this many items.
    case offset(Int)
    /// Marker pagination: the id of the last item already seen (`nil` for the first page).
    case marker(String?)
}

/// One fetched page and where the next one starts (`nil` when this was the last page).
public struct FetchedPage<Element: Sendable>: Sendable {
    public var elements: [Element]
    public var next: PageCursor?

    public init(elements: [Element], next: PageCursor?) {
        self.elements = elements
        self.next = next
    }
}

/// Every item of a paginated list, fetching pages lazily as the sequence is iterated.
///
/// Pages are fetched one at a time, only when the previous one is used up; iteration checks for cancellation
/// before each fetch. Errors of a fetch end the iteration by being thrown from `next()`.
///
/// ```swift
/// for try await backup in client.backups(BackupQuery(vaultID: id)) { print(backup.id) }
/// ```
public struct PageSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error
    let first: PageCursor
    let fetch: @Sendable (PageCursor) async throws -> FetchedPage<Element>

    /// - Parameters:
    ///   - first: the cursor of the first page.
    ///   - fetch: fetches the page at a cursor.
    public init(first: PageCursor, fetch: @escaping @Sendable (PageCursor) async throws -> FetchedPage<Element>) {
        self.first = first
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(cursor: first, fetch: fetch)
    }

    /// Collects every item (use on lists known to be small).
    public func collect() async throws -> [Element] {
        var all: [Element] = []
        for try await element in self { all.append(element) }
        return all
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var buffer: [Element] = []
        var index = 0
        var cursor: PageCursor?
        let fetch: @Sendable (PageCursor) async throws -> FetchedPage<Element>

        init(cursor: PageCursor, fetch: @escaping @Sendable (PageCursor) async throws -> FetchedPage<Element>) {
            self.cursor = cursor
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                guard let cursor else { return nil }
                try Task.checkCancellation()
                let page = try await fetch(cursor)
                buffer = page.elements
                index = 0
                // A page that repeats the cursor would loop forever; stop instead.
                self.cursor = page.next == cursor ? nil : page.next
                if buffer.isEmpty { self.cursor = nil }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

extension PageCursor {
    /// The cursor after an offset page: `nil` when the page was short, empty, or reached `total`.
    static func afterOffsetPage(offset: Int, received: Int, limit: Int, total: Int?) -> PageCursor? {
        let next = offset + received
        guard received > 0, received >= limit else { return nil }
        if let total, next >= total { return nil }
        return .offset(next)
    }

    /// The cursor after a marker page: the last id, unless the page was short or empty.
    static func afterMarkerPage(lastID: String?, received: Int, limit: Int) -> PageCursor? {
        guard received > 0, received >= limit, let lastID else { return nil }
        return .marker(lastID)
    }

    var offsetValue: Int? {
        if case .offset(let value) = self { return value }
        return nil
    }

    var markerValue: String? {
        if case .marker(let value) = self { return value }
        return nil
    }
}
