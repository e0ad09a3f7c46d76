import CSBSSyntax
import Testing

@Suite struct SourceRangeTests {
    @Test func basics() {
        let range = SourceRange(3, 7)
        #expect(range.length == 4)
        #expect(!range.isEmpty)
        #expect(SourceRange.empty(at: 5).isEmpty)
        #expect(range.description == "3..<7")
    }

    @Test func coverSpansBoth() {
        #expect(SourceRange(3, 7).cover(SourceRange(10, 12)) == SourceRange(3, 12))
        #expect(SourceRange(10, 12).cover(SourceRange(3, 7)) == SourceRange(3, 12))
    }
}
