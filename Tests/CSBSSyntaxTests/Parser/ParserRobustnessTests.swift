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
