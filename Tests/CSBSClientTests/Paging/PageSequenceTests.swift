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

    @Test func aServerThatRepeatsTheCursorDoesNotLoopForever() async throws {
        let sequence = PageSequence<Int>(first: .marker(nil)) { _ in FetchedPage(elements: [1, 2], next: .marker("same")) }
        var count = 0
        for try await _ in sequence {
            count += 1
            if count > 10 { break }
        }
        #expect(count == 4)
    }
}
