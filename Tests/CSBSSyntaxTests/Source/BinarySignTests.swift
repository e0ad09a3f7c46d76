@testable import CSBSSyntax
import Testing

/// ``SourceFile/firstSignOfBinary(_:invalid:)`` reads eight bytes at a time; it finds what a byte-by-byte reading
/// finds, wherever in a word the byte falls.
@Suite struct BinarySignTests {
    /// The rule read one byte at a time: the first NUL; else, when more than a tenth of the bytes are controls
    /// other than tab to carriage return (or invalid UTF-8), the first of them.
    static func oneByOne(_ bytes: [UInt8], invalid: [Range<Int>]) -> Int? {
        if let nul = bytes.firstIndex(of: 0) { return nul }
        let controls = bytes.indices.filter { (bytes[$0] < 0x20 && !(0x09...0x0D).contains(bytes[$0])) || bytes[$0] == 0x7F }
        guard (controls.count + invalid.count) * 10 > bytes.count else { return nil }
        return [invalid.first?.lowerBound, controls.first].compactMap { $0 }.min()
    }

    @Test func findsWhatAByteByByteReadingFinds() {
        let specials: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F]
        for length in 1...27 {
            for position in 0..<length {
                for special in specials {
                    for second in [nil, 0, length - 1, (position + 9) % length] as [Int?] {
                        var bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                        bytes[position] = special
                        if let second { bytes[second] = special == 0x0A ? 0x01 : 0x0A }
                        let found = SourceFile.firstSignOfBinary(bytes, invalid: [])
                        #expect(found == Self.oneByOne(bytes, invalid: []), "\(bytes)")
                    }
                }
            }
        }
    }

    /// Every byte value, at every place in a word, among letters and among bytes of 0x80 and above (which the
    /// word-wide tests must not take for controls). One word, so that a single control byte is more than a tenth
    /// of the bytes and a word passed over wrongly changes the answer.
    @Test func everyByteValueAtEveryPlace() {
        for neighbour in [UInt8(ascii: "a"), 0x80, 0xBF, 0xFF, 0x0A] {
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: neighbour, count: 8)
                    bytes[position] = UInt8(value)
                    let found = SourceFile.firstSignOfBinary(bytes, invalid: [])
                    #expect(found == Self.oneByOne(bytes, invalid: []), "\(bytes)")
                }
            }
        }
    }
}
