@testable import CSBSEmulator
import Foundation
import Testing

/// `JSONWriter` against the wire encoder on the values whose handling is its own code: strings scanned eight bytes
/// at a time, integers written digit by digit, and a buffer that grows from a small start.
@Suite("JSON writer")
struct JSONWriterTests {
    private struct Sample: Encodable {
        var text: String
        var number: Int
    }

    /// Every character that must be escaped, and some that must not, at each position of strings of 0 to 20 bytes
    /// (so that it falls in the first, a middle or the last eight-byte word, or in the bytes after the last word).
    static let texts: [String] = {
        let special: [String] = [
            "\"", "\\", "\u{0}", "\u{8}", "\t", "\n", "\u{C}", "\r", "\u{1F}", "\u{7F}", "/", "é", " ", "!", "#", "[", "]",
        ]
        var texts = (0...20).map { String(repeating: "a", count: $0) }
        for length in 1...20 {
            for position in 0..<length {
                for character in special {
                    var scalars = Array(repeating: "a", count: length)
                    scalars[position] = character
                    texts.append(scalars.joined())
                }
            }
        }
        return texts
    }()

    @Test("strings and integers are written as the encoder writes them")
    func matchesEncoder() {
        let numbers = [0, 1, -1, 9, 10, 99, 100, -100, 1_234_567_890, Int.max, Int.min]
        for (index, text) in Self.texts.enumerated() {
            let number = numbers[index % numbers.count]
            var writer = JSONWriter(capacity: 1)
            writer.object { json in
                json.member("number", number)
                json.member("text", text)
            }
            let expected = WireJSON.encodeText(Sample(text: text, number: number))
            #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
        }
    }

    @Test("a string that is not contiguous UTF-8 is written like the same native string")
    func bridged() {
        let native = "name \"quoted\" é\n"
        let bridged = NSString(string: native) as String
        var nativeWriter = JSONWriter()
        nativeWriter.string(native)
        var bridgedWriter = JSONWriter()
        bridgedWriter.string(bridged)
        #expect(bridgedWriter.bytes == nativeWriter.bytes)
    }

    @Test("the escape scan finds exactly the bytes JSON escapes")
    func escapeScan() {
        for byte in UInt8.min...UInt8.max {
            for length in [1, 7, 8, 9, 16, 17] {
                for position in [0, length / 2, length - 1] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    let expected = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    #expect(bytes.withUnsafeBufferPointer(JSONWriter.needsEscape) == expected)
                }
            }
        }
    }
}
