import CSBSSyntaxTestSupport
import Testing

@Suite struct MarkedTextTests {
    @Test func markersAreRemovedAndRecordedAsUTF8Offsets() {
        let marked = MarkedText("é1️⃣ab2️⃣c3️⃣")
        #expect(marked.text == "éabc")
        #expect(marked.markers == ["1️⃣": 2, "2️⃣": 4, "3️⃣": 5])
    }

    @Test func digitsNextToMarkersStayInTheText() {
        let marked = MarkedText("size 2001️⃣ 0️⃣9")
        #expect(marked.text == "size 200 9")
        #expect(marked.markers == ["1️⃣": 8, "0️⃣": 9])
    }

    @Test func textWithoutMarkersIsUnchanged() {
        #expect(MarkedText("vault \"x\" size 1").text == "vault \"x\" size 1")
        #expect(MarkedText("").markers.isEmpty)
    }
}
