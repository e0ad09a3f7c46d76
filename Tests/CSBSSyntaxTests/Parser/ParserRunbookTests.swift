import CSBSSyntax
import CSBSTestSupport
import Testing

/// The runbook statements over backups: `backups`, `show backup|checkpoint`, `wait`.
@Suite struct ParserRunbookTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func backupsTakesItsFiltersInAnyOrder() {
        #expect(dump("let b = backups limit 5 status available vault \"v\" since 7d server $s") == """
            Script
              Let b @1:1-1:70
                Backups @1:9-1:70
                  vault: string "v" @1:48-1:51
                  server: variable $s @1:68-1:70
                  status: word available @1:32-1:41
                  since: duration 604800s @1:58-1:60
                  limit: integer 5 @1:23-1:24

            """)
        #expect(dump("backups") == "Script\n  Backups @1:1-1:8\n")
    }

    @Test func showBackupAndCheckpointAreNotVaults() {
        #expect(dump("show backup abc\nshow checkpoint \"x\"\nshow vault") == """
            Script
              Show backup @1:1-1:16
                id: word abc @1:13-1:16
              Show checkpoint @2:1-2:20
                id: string "x" @2:17-2:20
              ShowVault @3:1-3:11

            """)
    }

    @Test func waitTakesAnOptionalIDAndTimeout() {
        #expect(dump("wait\nwait $cp.id\nwait timeout 5m\nwait abc timeout $t") == """
            Script
              Wait @1:1-1:5
              Wait @2:1-2:12
                id: field id @2:6-2:12
                  of: variable $cp @2:6-2:9
              Wait @3:1-3:16
                timeout: duration 300s @3:14-3:16
              Wait @4:1-4:20
                id: word abc @4:6-4:9
                timeout: variable $t @4:18-4:20

            """)
    }

    @Test func optionsWithoutValuesAreLocated() {
        assertDiagnostics("backups vault1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue", message: "expected a vault name or ID after 'vault'")
        ])
        assertDiagnostics("backups since 1️⃣5", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue", message: "expected a duration such as 12h or 7d after 'since'")
        ])
        assertDiagnostics("backups limit 1️⃣1.5", [DiagSpec("1️⃣", id: "parse.expectedInteger")])
        assertDiagnostics("backups limit1️⃣", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("show backup1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue", message: "expected the backup's ID after 'backup'")
        ])
        assertDiagnostics("wait 1️⃣5m", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("wait x timeout 1️⃣x", [DiagSpec("1️⃣", id: "parse.expectedDuration")])
    }

    @Test func repeatedAndUnknownOptionsAreReported() {
        assertDiagnostics("backups 1️⃣limit 1 2️⃣limit 2", [
            DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("backups 1️⃣stauts error", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'stauts' in 'backups' statement; did you mean 'status'?")
        ])
        assertDiagnostics("wait x 1️⃣y", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }
}
