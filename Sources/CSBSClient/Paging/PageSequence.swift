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

/// How far a listing goes before it stops with an error: a service that never ends its list (ignores `offset`,
/// claims a `count` of 10^12) gets a clear error instead of an endless stream of requests.
public struct PageLimits: Sendable, Hashable {
    /// Pages fetched at most (2,000 by default).
    public var maxPages: Int
    /// Items listed at most (200,000 by default).
    public var maxItems: Int

    public init(maxPages: Int = 2_000, maxItems: Int = 200_000) {
        self.maxPages = max(1, maxPages)
        self.maxItems = max(1, maxItems)
    }

    public static let `default` = PageLimits()
}

/// Every item of a paginated list, fetching pages lazily as the sequence is iterated.
///
/// Pages are fetched one at a time, only when the previous one is used up; iteration checks for cancellation
/// before each fetch. Errors of a fetch end the iteration by being thrown from `next()`. An item already listed
/// (same `id`) is not listed again; a page with nothing new (the service repeated a page or ignored the cursor) and
/// a list past ``PageLimits`` end the iteration with a ``ClientError`` `.decoding` naming the endpoint.
///
/// ```swift
/// for try await backup in client.backups(BackupQuery(vaultID: id)) { print(backup.id) }
/// ```
public struct PageSequence<Element: Sendable & Identifiable>: AsyncSequence, Sendable
where Element.ID: Sendable {
    public typealias Failure = any Error
    let first: PageCursor
    let source: PageSource
    let fetch: @Sendable (PageCursor) async throws -> FetchedPage<Element>

    /// - Parameters:
    ///   - first: the cursor of the first page.
    ///   - source: the operation and endpoint, for errors.
    ///   - fetch: fetches the page at a cursor.
    public init(
        first: PageCursor, source: PageSource, fetch: @escaping @Sendable (PageCursor) async throws -> FetchedPage<Element>
    ) {
        self.first = first
        self.source = source
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(cursor: first, source: source, fetch: fetch)
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
        var pages = 0
        var seen: Set<Element.ID> = []
        let source: PageSource
        let fetch: @Sendable (PageCursor) async throws -> FetchedPage<Element>

        init(
            cursor: PageCursor, source: PageSource, fetch: @escaping @Sendable (PageCursor) async throws -> FetchedPage<Element>
        ) {
            self.cursor = cursor
            self.source = source
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                guard let cursor else { return nil }
                guard pages < source.limits.maxPages else {
                    throw source.failure("still had more after \(pages) pages, the most csbs fetches of one list")
                }
                try Task.checkCancellation()
                let page = try await fetch(cursor)
                pages += 1
                let fresh = page.elements.filter { seen.insert($0.id).inserted }
                if !page.elements.isEmpty, fresh.isEmpty {
                    throw source.failure("sent page \(pages) with nothing new in it (it ignores the paging cursor?)")
                }
                if seen.count > source.limits.maxItems {
                    throw source.failure("listed more than \(source.limits.maxItems) items, the most csbs lists at once")
                }
                buffer = fresh
                index = 0
                self.cursor = page.elements.isEmpty ? nil : page.next
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

/// What a ``PageSequence`` lists from, for its errors, and how far it goes.
public struct PageSource: Sendable, Hashable {
    /// The operation's name, e.g. `list vaults`.
    public var operation: String
    /// The service's base URL.
    public var endpoint: String
    public var limits: PageLimits

    public init(operation: String, endpoint: String, limits: PageLimits = .default) {
        self.operation = operation
        self.endpoint = endpoint
        self.limits = limits
    }

    func failure(_ what: String) -> ClientError {
        ClientError(kind: .decoding, operation: operation, message: "the service at \(endpoint) \(what); stopped listing")
    }
}

extension BackupClient {
    /// Where `operation` lists from on this client's endpoints, with the default limits.
    func pageSource(_ operation: APIOperation) -> PageSource {
        PageSource(operation: operation.name, endpoint: operation.service.base(configuration.endpoints))
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
