extension SourceFile {
    /// The largest script the language reads: 8 MiB. A larger one gets `lex.scriptTooLarge` without being read.
    public static let maximumBytes = 8 * 1_024 * 1_024

    /// Decodes script bytes as UTF-8, locating every invalid sequence instead of giving up on the file.
    ///
    /// Each invalid sequence is replaced by U+FFFD in the returned text and reported as `lex.invalidUTF8` at the
    /// replacement's 0-based UTF-8 range in that text, so the renderer can show the line with a caret; columns
    /// still count the file's bytes. At most ``DiagnosticLimit/perFile`` of them are reported, then one note
    /// with the number left out.
    ///
    /// Input that is not text at all is refused at once with a single diagnostic, so that a binary file costs
    /// neither minutes nor gigabytes of diagnostics: more than ``maximumBytes`` bytes (`lex.scriptTooLarge`), or
    /// a NUL byte or more than one byte in ten that is invalid UTF-8 or a control character other than tab,
    /// line breaks, vertical tab and form feed (`lex.notText`, at the first NUL or invalid byte). Both are errors of the file
    /// as a whole; the front ends exit with 65.
    ///
    /// - Parameters:
    ///   - bytes: The file's raw contents.
    ///   - name: The name shown in diagnostics.
    /// - Returns: The file and its problems (none for valid UTF-8 text).
    public static func decoding(_ bytes: [UInt8], name: String) -> (file: SourceFile, diagnostics: [Diagnostic]) {
        guard bytes.count <= maximumBytes else {
            return (SourceFile(name: name, text: ""), [Diagnostic(DecodingMessage.scriptTooLarge, range: .empty(at: 0))])
        }
        let invalid = invalidUTF8Ranges(bytes)
        if let notText = firstSignOfBinary(bytes, invalid: invalid) {
            // Show only the line with the first bad byte (up to 200 bytes past it), repaired and escaped, with line
            // breaks before it so that its line number is right; the rest is not worth decoding.
            let lineStart = bytes[..<notText].lastIndex(where: Lexer.isLineBreak).map { $0 + 1 } ?? 0
            let lineEnd = min(bytes[notText...].firstIndex(where: Lexer.isLineBreak) ?? bytes.count, notText + 200)
            let lineBreaks = bytes[..<lineStart].indices.count { index in
                bytes[index] == UInt8(ascii: "\n")
                    || (bytes[index] == UInt8(ascii: "\r") && bytes[index + 1] != UInt8(ascii: "\n"))
            }
            let shown = [UInt8](repeating: UInt8(ascii: "\n"), count: lineBreaks) + bytes[lineStart..<lineEnd]
            let shift = lineStart - lineBreaks
            let invalidShown = invalid.compactMap { range in
                range.lowerBound >= lineStart && range.upperBound <= lineEnd
                    ? (range.lowerBound - shift)..<(range.upperBound - shift) : nil
            }
            let (file, offsets) = repaired(shown, invalid: invalidShown, name: name)
            // The bad byte's offset in the text: past the replacements before it, each two bytes longer or so.
            let before = zip(invalidShown, offsets).filter { $0.0.lowerBound < notText - shift }
            let offset = notText - shift + before.reduce(0) { $0 + 3 - $1.0.count }
            let length = before.count < invalidShown.count && invalidShown[before.count].lowerBound == notText - shift ? 3 : 1
            return (file, [Diagnostic(DecodingMessage.notText, range: SourceRange(offset, offset + length))])
        }
        guard !invalid.isEmpty else {
            return (SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self)), [])
        }
        let (file, offsets) = repaired(bytes, invalid: invalid, name: name)
        let diagnostics = offsets.map { Diagnostic(StaticLexerMessage.invalidUTF8, range: SourceRange($0, $0 + 3)) }
        return (file, DiagnosticLimit.capped(diagnostics))
    }

    /// `bytes` as text with each invalid sequence replaced by U+FFFD, remembered for byte-true columns, and the
    /// text offsets of the replacements.
    private static func repaired(_ bytes: [UInt8], invalid: [Range<Int>], name: String) -> (SourceFile, [Int]) {
        var repaired: [UInt8] = []
        repaired.reserveCapacity(bytes.count + invalid.count * 2)
        var replaced: [ReplacedSequence] = []
        var next = 0
        let replacement = Array("\u{FFFD}".utf8)
        for range in invalid {
            repaired.append(contentsOf: bytes[next..<range.lowerBound])
            replaced.append(ReplacedSequence(textOffset: repaired.count, originalLength: range.count))
            repaired.append(contentsOf: replacement)
            next = range.upperBound
        }
        repaired.append(contentsOf: bytes[next...])
        var file = SourceFile(name: name, text: String(decoding: repaired, as: UTF8.self))
        file.replacedSequences = replaced
        return (file, replaced.map(\.textOffset))
    }

    /// Whether `byte` is a control byte text holds: tab, line feed, vertical tab, form feed, carriage return.
    private static func isTextControl(_ byte: UInt8) -> Bool {
        byte >= 0x09 && byte <= 0x0D
    }

    /// The offset of the first byte that shows `bytes` is not text (see ``decoding(_:name:)``), or `nil`.
    ///
    /// One pass over the bytes (the first NUL ends it): on a 3 MB script the earlier three passes, one testing
    /// each control byte against a set, took 3 % of `csbs check` (scripts/bench/check-speed).
    static func firstSignOfBinary(_ bytes: [UInt8], invalid: [Range<Int>]) -> Int? {
        var bad = invalid.count
        var firstControl: Int?
        let nul: Int? = bytes.withUnsafeBufferPointer { buffer in
            /// Tests `buffer[start..<end]` byte by byte: the offset of a NUL, or `nil` after counting the controls.
            func scan(_ start: Int, _ end: Int) -> Int? {
                for index in start..<end {
                    let byte = buffer[index]
                    guard byte < 0x20 || byte == 0x7F else { continue }
                    if byte == 0 { return index }
                    if !isTextControl(byte) {
                        bad += 1
                        if firstControl == nil { firstControl = index }
                    }
                }
                return nil
            }
            var index = 0
            // Eight bytes at a time: skipped while none is a control byte other than tab, line breaks, vertical tab
            // and form feed, else tested one by one. Each test below is exact byte by byte (no carry crosses a
            // byte: the low seven bits plus at most 0x77 stay below 0x100), so a line break, in every fourth word
            // of a script, costs nothing more: testing those words byte by byte was half of this pass.
            let high: UInt64 = 0x8080_8080_8080_8080
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while index + 8 <= buffer.count {
                let word = UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let seven = word & low
                // Per byte, the high bit set where the byte is below 0x20, at least 0x09, at least 0x0E, 0x7F.
                let below20 = ~((seven &+ 0x6060_6060_6060_6060) | word) & high
                let from09 = (seven &+ 0x7777_7777_7777_7777) & high
                let from0E = (seven &+ 0x7272_7272_7272_7272) & high
                let delete = word ^ low
                let is7F = ~(((delete & low) &+ low) | delete) & high
                let notText = (below20 & ~(from09 & ~from0E)) | is7F
                if notText != 0, let nul = scan(index, index + 8) { return nul }
                index += 8
            }
            return scan(index, buffer.count)
        }
        if let nul { return nul }
        guard bad > 0, bad * 10 > bytes.count else { return nil }
        return [invalid.first?.lowerBound, firstControl].compactMap { $0 }.min()
    }

    /// The 0-based byte ranges of the invalid UTF-8 sequences in `bytes` (maximal invalid subparts).
    static func invalidUTF8Ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            // Eight ASCII bytes at a time: scripts are nearly all ASCII.
            let asciiEnd = asciiRunEnd(bytes, from: index)
            if asciiEnd > index {
                index = asciiEnd
                continue
            }
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

    /// The offset past the run of whole 8-byte words of ASCII starting at `start` (`start` itself when the next
    /// word holds a byte of 0x80 or more, or fewer than 8 bytes are left).
    private static func asciiRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = start
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                guard word & 0x8080_8080_8080_8080 == 0 else { break }
                index += 8
            }
            return index
        }
    }
}
