import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// Files that are not scripts at all, or scripts full of errors or terminal escapes: refused at once, bounded, and
/// never written to the terminal raw.
@Suite struct HostileFileTests {
    /// Deterministic pseudo-random bytes (a linear congruential generator), so the test needs no seed handling.
    private func randomBytes(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    @Test func binaryInputIsRefusedWithOneDiagnostic() {
        let (file, diagnostics) = SourceFile.decoding(randomBytes(1 << 20), name: "junk.bin")
        #expect(diagnostics.map(\.id.description) == ["lex.notText"])
        #expect(file.text.utf8.count < 1_000, "the junk is not decoded whole")
        let (_, nul) = SourceFile.decoding(Array("echo a\necho b\u{0}c".utf8), name: "nul.csbs")
        #expect(nul.map(\.id.description) == ["lex.notText"])
        let rendered = DiagnosticRenderer().render(nul, in: SourceFile.decoding(Array("echo a\necho b\u{0}c".utf8), name: "nul.csbs").file)
        #expect(rendered.hasPrefix("nul.csbs:2:7: error: this is not a text script"), "\(rendered)")
        #expect(rendered.contains("2 | echo b\\u{0}c"), "\(rendered)")
        // The column counts the file's bytes, also after an invalid one shown as U+FFFD.
        let (mixed, problems) = SourceFile.decoding([0x61, 0xFF, 0x62, 0x00, 0x63], name: "m")
        #expect(problems.map { SourceLocationConverter(mixed).location(ofOffset: $0.range.lowerBound).column } == [4])
    }

    @Test func textWithAFewBadBytesIsStillLocatedByteByByte() {
        let bytes = Array("echo \"".utf8) + [0xFF] + Array("\" é ".utf8) + [0xC3] + Array(" x # a comment of text".utf8)
        let (file, diagnostics) = SourceFile.decoding(bytes, name: "bad.csbs")
        #expect(diagnostics.map(\.id.description) == ["lex.invalidUTF8", "lex.invalidUTF8"])
        let converter = SourceLocationConverter(file)
        // The columns count the file's bytes: 0xFF is byte 7, 0xC3 byte 13 (after "é", two bytes).
        #expect(diagnostics.map { converter.location(ofOffset: $0.range.lowerBound).column } == [7, 13])
        #expect(converter.location(ofOffset: file.text.utf8.count).column == bytes.count + 1)
    }

    /// The decoder skips ASCII eight bytes at a time: a bad byte is still found at any offset, before, inside or
    /// after a word of eight, and a multi-byte character between words is still valid.
    @Test func aBadByteIsFoundAtAnyOffsetBetweenRunsOfASCII() {
        for offset in 0..<24 {
            var bytes = Array(String(repeating: "abcdefgh", count: 4).utf8)
            bytes.insert(0xFF, at: offset)
            bytes.insert(contentsOf: Array("é".utf8), at: 30)
            let (file, diagnostics) = SourceFile.decoding(bytes, name: "bad.csbs")
            #expect(diagnostics.map(\.id.description) == ["lex.invalidUTF8"], "offset \(offset)")
            #expect(diagnostics.map { SourceLocationConverter(file).location(ofOffset: $0.range.lowerBound).column } == [offset + 1])
        }
        // Control bytes past a tenth of the text make it binary, reported at the first; a NUL wins wherever it is.
        func notText(_ bytes: [UInt8]) -> [String] {
            let (file, diagnostics) = SourceFile.decoding(bytes, name: "c")
            let converter = SourceLocationConverter(file)
            return diagnostics.map {
                let location = converter.location(ofOffset: $0.range.lowerBound)
                return "\($0.id) \(location.line):\(location.column)"
            }
        }
        let controls = Array("echo a\u{1}\u{2}\u{3}b\n".utf8)
        #expect(notText(controls) == ["lex.notText 1:7"])
        #expect(notText(controls + [0]) == ["lex.notText 2:1"])
        #expect(notText(Array("echo aaaaaaaaaaaaaaa".utf8) + [UInt8](repeating: 0x7F, count: 8)) == ["lex.notText 1:21"])
    }

    @Test func aScriptOverTheSizeLimitIsRefusedUnread() {
        let (file, diagnostics) = SourceFile.decoding([UInt8](repeating: UInt8(ascii: "#"), count: SourceFile.maximumBytes + 1), name: "big")
        #expect(diagnostics.map(\.id.description) == ["lex.scriptTooLarge"])
        #expect(file.text.isEmpty)
        #expect(SourceFile.decoding([UInt8](repeating: UInt8(ascii: "\n"), count: 1_000), name: "ok").diagnostics.isEmpty)
    }

    @Test func diagnosticsStopAtTheLimitWithACount() {
        let text = String(repeating: "@ ", count: 5_000) + "\n" + String(repeating: "echo $nope\n", count: 300)
        let result = Checker.check(SourceFile(name: "many.csbs", text: text), options: CheckOptions())
        #expect(result.diagnostics.count == DiagnosticLimit.perFile + 1)
        let last = result.diagnostics.last?.diagnostic
        #expect(last?.id.description == "check.moreDiagnostics")
        // Past the limit the parser stops reading: the rest of the line and the `echo` lines cost nothing.
        #expect(last?.text.hasPrefix("and at least ") == true, "\(last?.text ?? "")")
        let parsed = Parser.parse(SourceFile(name: "many.csbs", text: text))
        #expect(parsed.diagnostics.count == DiagnosticLimit.perFile)
        #expect((1..<10).contains(parsed.omittedDiagnostics))
        let names = Checker.check(SourceFile(name: "n.csbs", text: String(repeating: "echo $nope\n", count: 300)), options: CheckOptions())
        #expect(names.diagnostics.count == DiagnosticLimit.perFile + 1)
        #expect(names.diagnostics.last?.diagnostic.text.hasPrefix("and at least 1 more problem") == true)
    }

    @Test func controlCharactersInQuotedLinesAreEscapedAndCaretsStayAligned() {
        let file = SourceFile(name: "esc\u{1B}.csbs", text: "echo \"\u{1B}[2J\u{9B}31m\" 1.5x @")
        let diagnostics = Parser.parse(file).diagnostics
        let rendered = DiagnosticRenderer().render(diagnostics, in: file)
        #expect(!rendered.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "\(rendered)")
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "esc\\e.csbs:1:23: error: unexpected character '@' [lex.unexpectedCharacter]")
        #expect(lines.dropFirst().first == #"1 | echo "\e[2J\u{9b}31m" 1.5x @"#)
        let at = lines.dropFirst().first?.firstIndex(of: "@").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        let caret = lines.dropFirst(2).first?.firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        #expect(at != nil && at == caret, "\(rendered)")
    }
}
