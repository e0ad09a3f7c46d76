import CSBSSyntax
import Testing

/// Problems the fuzzers found in code outside the fuzzing folders, kept as tests. While a problem is open its
/// test runs under `withKnownIssue` (so it passes); once fixed, `withKnownIssue` reports that the issue is gone
/// and the wrapper must be removed, leaving a plain regression test.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
    /// Found as a libFuzzer timeout: every diagnostic is rendered with its whole source line and a caret line as
    /// long as that line, so one long line with many errors renders in time and space proportional to
    /// (diagnostics × line length). 800 `}` give 800 diagnostics and about 1 MB of text; 20,000 `}` made
    /// `csbs check` print 600 MB over 15 minutes (debug build). Bug in `DiagnosticRenderer` / `CaretColumns`
    /// (no window around the caret on long lines) and in `csbs check`, which renders every diagnostic (no error
    /// limit).
    @Test func oneLongLineOfErrorsRendersInBoundedSpace() {
        let file = SourceFile(name: "braces.csbs", text: String(repeating: "}", count: 800))
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.count == 800)
        let rendered = DiagnosticRenderer().render(parsed.diagnostics, in: file)
        withKnownIssue("DiagnosticRenderer: diagnostics x line length output on long lines (fuzz finding)") {
            #expect(rendered.utf8.count < 500_000, "\(rendered.utf8.count) bytes of diagnostics for 800 bytes of script")
        }
    }
}
