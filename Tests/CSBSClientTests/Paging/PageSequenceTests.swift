@testable import CSBSClient
import Testing

@Suite("Page cursors")
struct PageSequenceTests {
    @Test(arguments: [
        (0, 10, 10, 25, PageCursor?.some(.offset(10))),
        (20, 5, 10, 25, nil),
        (0, 10, 10, 10, nil),
        (0, 0, 10, nil, nil),
        (0, 10, 10, nil, .offset(10)),
    ])
    func offsetPagesStopWhenShortEmptyOrAtTheTotal(offset: Int, received: Int, limit: Int, total: Int?, expected: PageCursor?) {
        #expect(PageCursor.afterOffsetPage(offset: offset, received: received, limit: limit, total: total) == expected)
    }

    @Test func markerPagesContinueFromTheLastID() {
        #expect(PageCursor.afterMarkerPage(lastID: "b", received: 2, limit: 2) == .marker("b"))
        #expect(PageCursor.afterMarkerPage(lastID: "b", received: 1, limit: 2) == nil)
    }

    @Test func aServerThatRepeatsThePageEndsTheListWithAnErrorAfterListingEachItemOnce() async throws {
        let source = PageSource(operation: "list backups", endpoint: "https://cbr.example")
        let sequence = PageSequence<Item>(first: .marker(nil), source: source) { _ in
            FetchedPage(elements: [1, 2], next: .marker("same"))
        }
        var listed: [Item] = []
        let error = try await #require(throws: ClientError.self) {
            for try await element in sequence { listed.append(element) }
        }
        #expect(listed == [1, 2])
        #expect(error.operation == "list backups")
        #expect(error.message.contains("https://cbr.example"))
    }

    @Test func anItemRepeatedOnALaterPageIsListedOnce() async throws {
        let source = PageSource(operation: "list vaults", endpoint: "e")
        let sequence = PageSequence<Item>(first: .offset(0), source: source) { cursor in
            switch cursor.offsetValue ?? 0 {
            case 0: FetchedPage(elements: [1, 2], next: .offset(2))
            default: FetchedPage(elements: [2, 3], next: nil)
            }
        }
        #expect(try await sequence.collect() == [1, 2, 3])
    }
}

/// A listed item: its number is its id.
struct Item: Identifiable, Hashable, Sendable, ExpressibleByIntegerLiteral {
    var id: Int

    init(integerLiteral value: Int) {
        id = value
    }

    init(_ id: Int) {
        self.id = id
    }
}
