/// A few words, each with a value, found from a word's text or bytes without hashing it: by its length and first
/// byte, then compared. A `Dictionary<String, …>` hashes the whole word with SipHash on every look-up; this was
/// about 3 % of `csbs check` on the 100,000-line runbook (scripts/bench/check-speed), where every statement's
/// keyword is looked up.
struct WordTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let text: String
        let bytes: [UInt8]
        let value: Value
    }

    /// The entries by ``bucket(length:first:)``.
    private let buckets: [[Entry]]

    private static var bucketCount: Int { 16 * 64 }

    private static func bucket(length: Int, first: UInt8) -> Int {
        min(length, 15) * 64 + Int(first & 63)
    }

    /// A table of `entries`; the first of two entries with the same text wins.
    init(_ entries: [(String, Value)]) {
        var buckets = [[Entry]](repeating: [], count: Self.bucketCount)
        for (text, value) in entries {
            let bytes = Array(text.utf8)
            guard let first = bytes.first else { continue }
            let index = Self.bucket(length: bytes.count, first: first)
            if !buckets[index].contains(where: { $0.bytes == bytes }) {
                buckets[index].append(Entry(text: text, bytes: bytes, value: value))
            }
        }
        self.buckets = buckets
    }

    /// The value of `word`, if it is in the table.
    subscript(_ word: String) -> Value? {
        let utf8 = word.utf8
        guard let first = utf8.first else { return nil }
        for entry in buckets[Self.bucket(length: utf8.count, first: first)] where entry.text == word {
            return entry.value
        }
        return nil
    }

    /// The text and value of the word whose UTF-8 is `bytes`, if it is in the table: the text is the table's own
    /// `String`, so a word the table holds is not made again.
    func entry(_ bytes: ArraySlice<UInt8>) -> (text: String, value: Value)? {
        guard let first = bytes.first else { return nil }
        for entry in buckets[Self.bucket(length: bytes.count, first: first)] where entry.bytes.elementsEqual(bytes) {
            return (entry.text, entry.value)
        }
        return nil
    }
}
