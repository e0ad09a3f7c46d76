extension SourceFile {
    /// Decodes script bytes as UTF-8, locating every invalid sequence instead of giving up on the file.
    ///
    /// Each invalid sequence is replaced by U+FFFD in the returned text and reported as `lex.invalidUTF8` at the
    /// replacement's 0-based UTF-8 range in that text, so the renderer can show the line with a caret.
    ///
    /// - Parameters:
    ///   - bytes: The file's raw contents.
    ///   - name: The name shown in diagnostics.
    /// - Returns: The file and one diagnostic per invalid sequence (none for valid UTF-8).
    public static func decoding(_ bytes: [UInt8], name: String) -> (file: SourceFile, diagnostics: [Diagnostic]) {
        let invalid = invalidUTF8Ranges(bytes)
        guard !invalid.isEmpty else {
            return (SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self)), [])
        }
        var repaired: [UInt8] = []
        repaired.reserveCapacity(bytes.count + invalid.count * 2)
        var diagnostics: [Diagnostic] = []
        var next = 0
        let replacement = Array("\u{FFFD}".utf8)
        for range in invalid {
            repaired.append(contentsOf: bytes[next..<range.lowerBound])
            let start = repaired.count
            repaired.append(contentsOf: replacement)
            diagnostics.append(Diagnostic(StaticLexerMessage.invalidUTF8, range: SourceRange(start, repaired.count)))
            next = range.upperBound
        }
        repaired.append(contentsOf: bytes[next...])
        return (SourceFile(name: name, text: String(decoding: repaired, as: UTF8.self)), diagnostics)
    }

    /// The 0-based byte ranges of the invalid UTF-8 sequences in `bytes` (maximal invalid subparts).
    static func invalidUTF8Ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: length = 0
            }
            if length == 0 {
                ranges.append(index..<(index + 1))
                index += 1
                continue
            }
            var valid = 1
            while valid < length, index + valid < bytes.count {
                let byte = bytes[index + valid]
                let (lower, upper) = valid == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= lower, byte <= upper else { break }
                valid += 1
            }
            if valid < length {
                ranges.append(index..<(index + valid))
            }
            index += valid
        }
        return ranges
    }
}
