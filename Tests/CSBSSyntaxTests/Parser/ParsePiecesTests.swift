@testable import CSBSSyntax
import CSBSSyntaxTestSupport
import Synchronization
import Testing

/// A long file parsed in pieces (``ParsePieces``) gives exactly what one parse from the start gives, wherever the
/// cuts fall: between statements (the pieces join), inside a block, a word, a string or a line continuation (the
/// piece is dropped), and when the pieces' diagnostics together pass the limit (parsed again from the start).
@Suite("Parse in pieces")
struct ParsePiecesTests {
    /// Everything a parse gives, in a comparable form.
    struct Outcome: Equatable, CustomStringConvertible {
        var statements: [Stmt]
        var diagnostics: [String]
        var omitted: Int
        var declaredNames: [String]
        var declaredProcedures: Set<String>

        init(_ run: ParsePieces.Run) {
            let result = run.result()
            statements = result.script.statements
            diagnostics = result.diagnostics.map {
                "\($0.range.lowerBound)-\($0.range.upperBound) \($0.id) \($0.text) \($0.notes.map(\.range.lowerBound))"
            }
            omitted = result.omittedDiagnostics
            declaredNames = result.declaredNameList
            declaredProcedures = result.declaredProcedures
        }

        var description: String {
            "\(statements.count) statements, diagnostics \(diagnostics), \(omitted) omitted, names \(declaredNames)"
        }
    }

    static func whole(_ bytes: [UInt8]) -> Outcome {
        Outcome(ParsePieces.parse(bytes, cuts: [], concurrently: false))
    }

    static func cut(_ bytes: [UInt8], at cuts: [Int]) -> Outcome {
        Outcome(ParsePieces.parse(bytes, cuts: cuts, concurrently: false))
    }

    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.dropFirst().filter { bytes[$0 - 1] == UInt8(ascii: "\n") }
    }

    /// Every single cut of a short text (each byte offset), every line start of a longer one, and all of its
    /// line starts at once.
    static func expectEveryCutEqual(_ bytes: [UInt8], _ name: String) {
        let expected = whole(bytes)
        let singles = bytes.count <= 400 ? Array(bytes.indices.dropFirst()) : lineStarts(bytes)
        for offset in singles {
            let outcome = cut(bytes, at: [offset])
            #expect(outcome == expected, "\(name) cut at \(offset)")
            if outcome != expected { return }
        }
        #expect(cut(bytes, at: lineStarts(bytes)) == expected, "\(name) cut at every line")
    }

    @Test(arguments: RepositoryScripts.examples + RepositoryScripts.languageBlocks)
    func repositoryScriptsParseTheSameInPieces(_ script: RepositoryScripts.Script) {
        Self.expectEveryCutEqual(Array(script.text.utf8), script.name)
    }

    @Test func fuzzInputsParseTheSameInPieces() {
        let inputs = FuzzInputs.corpus + FuzzInputs.regressions
        #expect(inputs.count >= 40)
        for input in inputs {
            Self.expectEveryCutEqual(input.bytes, input.name)
        }
    }

    /// Texts whose cuts fall where joining would be wrong, each with a cut at the start of a line.
    @Test(arguments: [
        // A block spanning the cut: the cut is inside `if`, so the piece from it is dropped.
        "if true {\n  echo 1\necho 2\n}\necho 3\n",
        // A line continuation: the next line belongs to the statement before.
        "echo 1 \\\n2\necho 3\n",
        // A list over two lines, and a record.
        "let x = [1,\n2]\nlet y = {a: 1,\nb: 2}\necho $x $y\n",
        // An unterminated block ending at the cut, and a stray `}` after it.
        "if true {\necho 1\n}\n}\necho 2\n",
        // `else` on its own line: the error is about the line after the `if`.
        "if true {\n  echo 1\n}\nelse {\n  echo 2\n}\n",
        // A lexer error right at the cut, which the parse before it reads ahead.
        "echo 1\n@@@ 2\necho ${\n",
        // CRLF line ends, a blank line and a comment at the cut.
        "echo 1\r\n\r\n# note\r\necho $y\r\nlet y = 2\r\n",
        // A `def` after its use, and a name used before its `let`.
        "echo greet(1)\necho $late\ndef greet(x) {\n  return $x\n}\nlet late = 1\n",
        // An unterminated string at the end of a line.
        "echo \"abc\necho 2\n",
    ])
    func awkwardCutsParseTheSame(_ text: String) {
        Self.expectEveryCutEqual(Array(text.utf8), text.debugDescription)
    }

    @Test func piecesWithMoreDiagnosticsThanTheLimitParseAgainFromTheStart() {
        // 60 errors before the cut and 60 after: a parse from the start stops reading after the 100th.
        let bad = String(repeating: "frobnicate 1\n", count: 60)
        let bytes = Array((bad + "echo 1\n" + bad + "echo 2\n").utf8)
        let cutOffset = bad.utf8.count
        let first = ParsePieces.Run(parsing: bytes, from: 0, stoppingAt: [cutOffset])
        #expect(first.stoppedAt == cutOffset, "the first piece reaches the cut between statements")
        let expected = Self.whole(bytes)
        #expect(expected.omitted > 0)
        #expect(Self.cut(bytes, at: [cutOffset]) == expected)
    }

    @Test func aLongRunbookIsCutBetweenStatementsAndJoined() {
        let text = (0..<3_000).map { number in
            let n = 100_000_000_000 + number
            return """
                vault "v-\(n)" size 100
                attach server 0b0e7f0c-1d2e-4c3b-9a8f-\(n)
                let b = backup name "nightly-\(n)" wait
                if $b.status == "available" {
                  echo "ok ${b.id}"
                } else {
                  warn "failed"
                }

                """
        }.joined()
        let bytes = Array(text.utf8)
        let cuts = ParsePieces.cuts(in: bytes, pieces: 3)
        #expect(cuts.count == 2)
        for cut in cuts {
            #expect(bytes[cut - 1] == UInt8(ascii: "\n") && bytes[cut] == UInt8(ascii: "v"))
        }
        // Each piece stops at the next cut: nothing is parsed twice.
        #expect(ParsePieces.Run(parsing: bytes, from: 0, stoppingAt: cuts[...]).stoppedAt == cuts[0])
        #expect(ParsePieces.Run(parsing: bytes, from: cuts[0], stoppingAt: cuts[1...]).stoppedAt == cuts[1])
        let expected = Self.whole(bytes)
        #expect(expected.statements.count == 12_000)
        #expect(Outcome(ParsePieces.parse(bytes, cuts: cuts, concurrently: true)) == expected)
        #expect(Outcome(ParsePieces.parse(text, threads: ParseThreads(count: 2))) == expected)
    }

    @Test func aLongFileOnManyProcessorsIsCutIntoAtMostFourPieces() {
        // 2.1 MB: eight pieces' worth of 256 KiB; `prepare` runs once for each piece parsed.
        let text = String(repeating: "echo 1\n", count: 300_000)
        let bytes = Array(text.utf8)
        let pieces = Mutex(0)
        let run = ParsePieces.parse(text, threads: ParseThreads(count: 64) { _ in pieces.withLock { $0 += 1 } })
        #expect(pieces.withLock { $0 } == 4)
        #expect(Outcome(run) == Self.whole(bytes))
    }

    @Test func aShortFileIsNotCut() {
        #expect(ParsePieces.cuts(in: Array(String(repeating: "echo 1\n", count: 1_000).utf8), pieces: 1).isEmpty)
        #expect(ParsePieces.cuts(in: Array("echo 1\n".utf8), pieces: 4).isEmpty)
    }
}
