import CSBSSyntax
import Testing

@Suite struct SourceLocationConverterTests {
    private func location(_ text: String, _ offset: Int) -> String {
        let location = SourceLocationConverter(text).location(ofOffset: offset)
        return "\(location.line):\(location.column)@\(location.offset)"
    }

    @Test func linesAndColumnsAreOneBased() {
        #expect(location("ab\ncd", 0) == "1:1@0")
        #expect(location("ab\ncd", 1) == "1:2@1")
        #expect(location("ab\ncd", 2) == "1:3@2")  // the line break belongs to line 1
        #expect(location("ab\ncd", 3) == "2:1@3")
        #expect(location("ab\ncd", 5) == "2:3@5")  // end of the last line, which has no line break
    }

    @Test func columnsCountUTF8Bytes() {
        #expect(location("é😀x", 6) == "1:7@6")
    }

    @Test func crlfAndLoneCREndLines() {
        let text = "a\r\nb\rc"
        #expect(location(text, 1) == "1:2@1")
        #expect(location(text, 2) == "1:3@2")
        #expect(location(text, 3) == "2:1@3")
        #expect(location(text, 5) == "3:1@5")
        let converter = SourceLocationConverter(text)
        #expect(converter.lineCount == 3)
        #expect((1...3).map(converter.lineText) == ["a", "b", "c"])
    }

    @Test func trailingLineBreakStartsAnEmptyLastLine() {
        let converter = SourceLocationConverter("a\n")
        #expect(converter.lineCount == 2)
        #expect(converter.lineText(2) == "")
        #expect(location("a\n", 2) == "2:1@2")
    }

    @Test func offsetsOutsideTheTextAreClamped() {
        #expect(location("ab\ncd", 99) == "2:3@5")
        #expect(location("ab\ncd", -4) == "1:1@0")
        #expect(location("", 3) == "1:1@0")
    }

    @Test func lineTextOutOfRangeIsEmpty() {
        let converter = SourceLocationConverter("one\ntwo")
        #expect(converter.lineText(0) == "")
        #expect(converter.lineText(3) == "")
        #expect(converter.lineRange(2) == SourceRange(4, 7))
        #expect(converter.lineRange(3) == nil)
    }
}
