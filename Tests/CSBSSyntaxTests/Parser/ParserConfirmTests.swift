import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `confirm MESSAGE`: the grammar, the check (a parallel body cannot ask), and the formatter.
@Suite struct ParserConfirmTests {
    @Test func aConfirmDumpsWithItsMessage() {
        let file = SourceFile(name: "c.csbs", text: "let n = 3\nconfirm \"delete $n backups?\"")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))")
        #expect(result.script.debugDump(file).contains("\n  Confirm @2:1-2:29\n    message: "), "\(result.script.debugDump(file))")
        #expect(Checker.check(file, options: CheckOptions()).program != nil)
    }

    @Test func aConfirmNeedsAQuestion() {
        assertDiagnostics("confirm1️⃣\necho x", [
            DiagSpec("1️⃣", id: "parse.expectedConfirmMessage",
                     message: "expected the question to ask after 'confirm', such as confirm \"delete 12 backups?\""),
        ])
        assertDiagnostics("confirm \"a?\" 1️⃣\"b\"", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken"),
        ])
    }

    @Test func theQuestionsNamesAreChecked() {
        assertCheckDiagnostics("confirm \"delete 1️⃣$count?\"", [
            DiagSpec("1️⃣", id: "resolve.undefinedVariable"),
        ])
    }

    @Test func aParallelBodyCannotAsk() {
        assertCheckDiagnostics("for s in [1, 2] parallel 2 {\n    1️⃣confirm \"go on with $s?\"\n}", [
            DiagSpec("1️⃣", id: "resolve.confirmInParallel"),
        ])
        assertCheckDiagnostics("for s in [1, 2] { confirm \"go on with $s?\" }", [])
    }

    @Test func theFormatterKeepsAConfirm() {
        let outcome = ScriptFormatter.format(SourceFile(name: "c.csbs", text: "confirm   format(\"delete {}?\",  1)\n"))
        guard case .formatted(let text) = outcome else {
            Issue.record("not formatted: \(outcome)")
            return
        }
        #expect(text == "confirm format(\"delete {}?\", 1)\n")
    }
}
