/// Source text with position markers such as `1️⃣` and `2️⃣` taken out.
///
/// A marker is a keycap emoji: a digit followed by U+FE0F and U+20E3 (`0️⃣` … `9️⃣`). Markers name positions
/// in the clean text, so tests can say where a diagnostic must point without counting bytes:
///
/// ```swift
/// let marked = MarkedText("vault \"x\" size 1️⃣big")
/// marked.text            // "vault \"x\" size big"
/// marked.markers["1️⃣"]   // 15, the 0-based UTF-8 offset of "big"
/// ```
public struct MarkedText: Sendable {
    /// The text with every marker removed.
    public let text: String
    /// Each marker's 0-based UTF-8 offset in ``text``.
    public let markers: [String: Int]

    /// Removes the markers from `markedText`, recording where each was.
    ///
    /// - Parameter markedText: Text containing markers; a marker may appear at most once.
    public init(_ markedText: String) {
        var text = String.UnicodeScalarView()
        var utf8Count = 0
        var markers: [String: Int] = [:]
        let scalars = Array(markedText.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isMarker(scalars, at: index) {
                let name = String(String.UnicodeScalarView(scalars[index..<(index + 3)]))
                precondition(markers[name] == nil, "marker \(name) appears more than once")
                markers[name] = utf8Count
                index += 3
            } else {
                text.append(scalar)
                utf8Count += UTF8.width(scalar)
                index += 1
            }
        }
        self.text = String(text)
        self.markers = markers
    }

    /// Whether `scalars[index...]` starts with a keycap digit: `0`–`9`, U+FE0F, U+20E3.
    private static func isMarker(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + 2 < scalars.count
            && ("0"..."9").contains(scalars[index])
            && scalars[index + 1] == "\u{FE0F}"
            && scalars[index + 2] == "\u{20E3}"
    }
}
