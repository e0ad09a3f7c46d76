import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

@Suite("for … parallel: parsing and checking")
struct ParallelResolveTests {
    /// `file:line:col id` of every finding, with the notes' positions after `note@`.
    private func findings(_ text: String) -> [String] {
        let file = SourceFile(name: "main.csbs", text: text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.map(\.text))")
        var resolver = Resolver()
        let converter = SourceLocationConverter(text)
        return resolver.resolve(parsed.script, in: file).map { finding in
            let location = converter.location(ofOffset: finding.diagnostic.range.lowerBound)
            let notes = finding.diagnostic.notes.map { " note@\(converter.location(ofOffset: $0.range.lowerBound))" }
            return "\(location) \(finding.diagnostic.id)" + notes.joined()
        }
    }

    /// The ids of the parse errors of `text`, with their positions.
    private func parseErrors(_ text: String) -> [String] {
        let converter = SourceLocationConverter(text)
        return Parser.parse(SourceFile(name: "main.csbs", text: text)).diagnostics.map {
            "\(converter.location(ofOffset: $0.range.lowerBound)) \($0.id)"
        }
    }

    @Test func theClauseParsesAndDumps() {
        let file = SourceFile(name: "m", text: "for s in $servers parallel 16 { echo $s }")
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors)
        guard case .for(let statement)? = parsed.script.statements.first else {
            Issue.record("not a for statement")
            return
        }
        #expect(statement.parallel?.width == .integer(16, SourceRange(27, 29)))
        #expect(statement.parallel?.range == SourceRange(18, 29))
        #expect(parsed.script.debugDump(file).contains("parallel: integer 16"), "\(parsed.script.debugDump(file))")
        let plain = Parser.parse(SourceFile(name: "m", text: "for s in [1] { echo $s }"))
        guard case .for(let sequential)? = plain.script.statements.first else { return }
        #expect(sequential.parallel == nil)
    }

    @Test(arguments: [
        ("for s in [1] parallel { echo $s }", "1:23 parse.expectedParallelWidth"),
        ("for s in [1] parallel\n{ echo $s }", "1:22 parse.expectedParallelWidth"),
        ("for s in [1] parallel 0 { echo $s }", "1:23 parse.parallelWidthOutOfRange"),
        ("for s in [1] parallel 257 { echo $s }", "1:23 parse.parallelWidthOutOfRange"),
        ("for s in [1] parallel \"4\" { echo $s }", "1:23 parse.parallelWidthOutOfRange"),
        ("for s in [1] parallel 2s { echo $s }", "1:23 parse.parallelWidthOutOfRange"),
    ])
    func aBadWidthIsALocatedParseError(text: String, expected: String) {
        #expect(parseErrors(text).first == expected, "\(parseErrors(text))")
    }

    @Test func widthsFromOneTo256AndVariablesParse() {
        for text in ["for s in [1] parallel 1 { }", "for s in [1] parallel 256 { }", "for s in [1] parallel $n { }"] {
            #expect(parseErrors(text).isEmpty, "\(text)")
        }
    }

    @Test func setOfAnOuterVariableInsideAParallelBodyIsAnError() {
        let text = """
            let total = 0
            for s in [1, 2] parallel 2 {
                let mine = $s
                set mine = 3
                set s = 4
                if true { set total = $s }
            }
            for s in [1, 2] {
                set total = $s
            }
            """
        #expect(findings(text) == ["6:19 resolve.setInParallel note@2:17"])
    }

    @Test func nestedBodiesCheckAgainstTheInnermostParallelLoop() {
        let text = """
            for a in [1] parallel 2 {
                let seen = 0
                for b in [1] {
                    set seen = $b
                }
                for c in [1] parallel 2 {
                    set seen = $c
                }
            }
            """
        #expect(findings(text) == ["7:13 resolve.setInParallel note@6:18"])
    }

    @Test func exitInsideAParallelBodyIsAnError() {
        #expect(findings("for s in [1] parallel 2 {\n    exit 3\n}\nexit 0") == ["2:5 resolve.exitInParallel note@1:14"])
    }

    @Test func theWidthExpressionIsResolved() {
        #expect(findings("for s in [1] parallel $width { echo $s }") == ["1:23 resolve.undefinedVariable"])
    }
}
