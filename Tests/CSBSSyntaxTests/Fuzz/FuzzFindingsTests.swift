import CSBSSyntax
import Testing

/// Problems the fuzzers found in code outside the fuzzing folders, kept as regression tests. While a problem is
/// open its test runs under `withKnownIssue`; once fixed, the wrapper is removed.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
    /// Found as a libFuzzer timeout: every diagnostic is rendered with its whole source line and a caret line as
    /// long as that line, so one long line with many errors renders in time and space proportional to
    /// (diagnostics × line length). 800 `}` gave 800 diagnostics and about 1 MB of text; 20,000 `}` made
    /// `csbs check` print 600 MB over 15 minutes (debug build). Fixed by showing a window of a long line around
    /// the caret (`DiagnosticRenderer.window`), and since by keeping at most `DiagnosticLimit.perFile` of them.
    @Test func oneLongLineOfErrorsRendersInBoundedSpace() {
        let file = SourceFile(name: "braces.csbs", text: String(repeating: "}", count: 800))
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.count == DiagnosticLimit.perFile && parsed.omittedDiagnostics > 0)
        let rendered = DiagnosticRenderer().render(parsed.diagnostics, in: file)
        #expect(rendered.utf8.count < 500_000, "\(rendered.utf8.count) bytes of diagnostics for 800 bytes of script")
    }

    /// The fix: a long line is shown as a window around the caret, marked with `…`, with the caret still under
    /// the token it points at.
    @Test func aLongLineIsShownAsAWindowAroundTheCaret() {
        let text = String(repeating: "echo 1; ", count: 100) + "echo \"open"
        let file = SourceFile(name: "long.csbs", text: text)
        let parsed = Parser.parse(file)
        guard let diagnostic = parsed.diagnostics.first else {
            Issue.record("an unterminated string gives no diagnostic")
            return
        }
        let lines = DiagnosticRenderer().render([diagnostic], in: file).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1 | …") && lines[1].count < 200)
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let quoteColumn = lines[1].firstIndex(of: "\"").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caretColumn != nil && caretColumn == quoteColumn)
    }
}
