import CSBSSyntax
import Testing

/// A small deterministic generator (SplitMix64), so every run feeds the parser the same inputs.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ParserRobustnessTests {
    /// Pieces that exercise every lexer and parser path when glued together at random.
    private static let fragments = [
        "vault", "attach", "backup", "server", "disk", "name", "description", "wait", "timeout", "size",
        " ", " ", "\t", "\n", "\r\n", "\r", ";", "#", "#!", "\\", "\\\n", "\"", "\\\"", "\\u{", "}", "\\u{1F600}",
        "\\q", "42", "5m", "250ms", "99999999999999999999", "e8cc6bfd-d324", "é", "😀", "@", "$", "{", "\u{0}",
    ]

    private func randomSource(_ generator: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            if Bool.random(using: &generator) {
                bytes.append(contentsOf: Self.fragments.randomElement(using: &generator)!.utf8)
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(1)))
    func garbageNeverCrashesOrHangs() {
        var generator = SplitMix64(state: 0xC5B5)
        for _ in 0..<4_000 {
            let file = SourceFile(name: "fuzz", text: randomSource(&generator))
            let result = Parser.parse(file)
            let size = file.text.utf8.count
            for diagnostic in result.diagnostics {
                #expect(0 <= diagnostic.range.lowerBound && diagnostic.range.upperBound <= size)
            }
            for statement in result.script.statements {
                #expect(statement.range.upperBound <= size)
            }
            // Rendering every diagnostic must not trap either.
            _ = DiagnosticRenderer(colorMode: .on).render(result.diagnostics, in: file)
            _ = result.script.debugDump(file)
        }
    }

    @Test func lexerTokensTileTheText() {
        // Every token lies inside the text, after the previous one, and only `.endOfFile` may be empty.
        var generator = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let text = randomSource(&generator)
            let tokens = Lexer.tokenize(text)
            var end = 0
            for token in tokens {
                #expect(token.range.lowerBound >= end)
                #expect(token.range.upperBound <= text.utf8.count)
                #expect(!token.range.isEmpty || token.kind == .endOfFile)
                #expect(token.kind != .invalid || !token.diagnostics.isEmpty)
                end = token.range.upperBound
            }
            #expect(tokens.last?.kind == .endOfFile)
        }
    }

    @Test func largeInputParsesInOnePass() {
        let line = "vault \"v\" size 10; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait timeout 5m\n"
        let result = Parser.parse(SourceFile(name: "big", text: String(repeating: line, count: 5_000)))
        #expect(result.diagnostics.isEmpty)
        #expect(result.script.statements.count == 15_000)
    }
}

/// Hostile scripts: each problem gets a located error, and nothing crashes or hangs.
@Suite struct HostileInputTests {
    private func ids(_ text: String) -> [String] {
        Parser.parse(SourceFile(name: "h", text: text)).diagnostics.map(\.id.description)
    }

    @Test(.timeLimit(.minutes(1)), arguments: [
        "let x = " + String(repeating: "(", count: 100_000) + "1",
        "echo " + String(repeating: "[", count: 100_000),
        String(repeating: "if true {\n", count: 10_000),
        "assert " + String(repeating: "not ", count: 100_000) + "true",
        "let x = " + String(repeating: "{a: ", count: 50_000),
    ])
    func deepNestingIsOneLocatedError(text: String) {
        let diagnostics = Parser.parse(SourceFile(name: "h", text: text)).diagnostics
        #expect(diagnostics.first?.id.description == "parse.nestingTooDeep")
        #expect(diagnostics.filter { $0.id.description == "parse.nestingTooDeep" }.count == 1)
        #expect(diagnostics.count <= 2, "\(diagnostics.map(\.id))")
    }

    @Test func nestingUpToTheLimitIsFine() {
        let depth = Parser.maximumDepth - 1
        let text = String(repeating: "if true {", count: depth) + "echo deep" + String(repeating: "}", count: depth)
        #expect(ids(text).isEmpty)
    }

    /// Brackets count one level each, as blocks do, so the documented limit holds for every kind of nesting (they
    /// counted two, and failed at 32).
    @Test(arguments: [("[", "1", "]"), ("(", "1", ")"), ("{a: ", "1", "}"), ("not ", "true", ""), ("$l[", "0", "]")])
    func everyKindOfNestingReachesTheDocumentedLimit(open: String, inner: String, close: String) {
        func text(_ depth: Int) -> String {
            "let l = 1\nlet x = " + String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        }
        #expect(ids(text(Parser.maximumDepth)).isEmpty)
        #expect(ids(text(Parser.maximumDepth + 1)).first == "parse.nestingTooDeep")
    }

    @Test func hugeLiteralsAreFineOrLocated() {
        let long = String(repeating: "x", count: 1_000_000)
        #expect(ids("echo \"\(long)\"").isEmpty)
        #expect(ids("echo \(long)").isEmpty)
        #expect(ids("echo " + String(repeating: "9", count: 10_000)) == ["lex.integerOverflow"])
    }

    @Test func nulBytesAndUnterminatedThings() {
        #expect(ids("echo a\u{0}b") == ["lex.unexpectedCharacter"])
        #expect(ids("echo \"abc") == ["lex.unterminatedString"])
        #expect(ids("if true {\n echo a") == ["parse.unterminatedBlock"])
        #expect(ids("echo \"${a") == ["lex.unterminatedString", "lex.unterminatedInterpolation"])
    }

    @Test func invalidUTF8IsLocatedByteByByte() {
        let bytes: [UInt8] = Array("echo ok\necho ".utf8) + [0xFF] + Array(" x ".utf8) + [0xE2, 0x82] + Array("\n".utf8)
        let (file, diagnostics) = SourceFile.decoding(bytes, name: "bad.csbs")
        let converter = SourceLocationConverter(file.text)
        #expect(diagnostics.map { converter.location(ofOffset: $0.range.lowerBound).description } == ["2:6", "2:12"], "each replacement character is 3 bytes")
        #expect(diagnostics.allSatisfy { $0.id.description == "lex.invalidUTF8" })
        #expect(SourceFile.decoding(Array("héllo 😀".utf8), name: "ok").diagnostics.isEmpty)
    }
}
