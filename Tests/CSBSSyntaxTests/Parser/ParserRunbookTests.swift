import CSBSSyntax
import CSBSSyntaxTestSupport
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

    @Test func tasksTakesItsFilters() {
        #expect(dump("tasks status running type backup limit 3 vault v") == """
            Script
              Tasks @1:1-1:49
                vault: word v @1:48-1:49
                type: word backup @1:27-1:33
                status: word running @1:14-1:21
                limit: integer 3 @1:40-1:41

            """)
        assertDiagnostics("tasks type1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue",
                     message: "expected an operation type such as backup, restore or delete after 'type'")
        ])
        assertDiagnostics("tasks 1️⃣since 1d", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
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

/// `restore backup` and `delete backup`.
@Suite struct ParserRestoreTests {
    @Test func restoreTakesTargetPowerOnAndWaitInAnyOrder() {
        let file = SourceFile(name: "t.csbs", text: "restore backup b1 power-on wait timeout 5m to server s2\ndelete backup $x wait")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty)
        #expect(result.script.debugDump(file) == """
            Script
              Restore power-on @1:1-1:56
                backup: word b1 @1:16-1:18
                server: word s2 @1:54-1:56
                Wait @1:28-1:43
                  timeout: duration 300s @1:41-1:43
              DeleteBackup @2:1-2:22
                backup: variable $x @2:15-2:17
                Wait @2:18-2:22

            """)
    }

    @Test func detachResizeAndDeleteVault() {
        let file = SourceFile(name: "t.csbs", text: "servers\ndetach disk d1\nresize vault size 80\nresize vault v size 9\ndelete vault\ndelete vault v force")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty)
        #expect(result.script.debugDump(file) == """
            Script
              Servers @1:1-1:8
              Detach disk @2:1-2:15
                id: word d1 @2:13-2:15
              ResizeVault @3:1-3:21
                size: integer 80 @3:19-3:21
              ResizeVault @4:1-4:22
                name: word v @4:14-4:15
                size: integer 9 @4:21-4:22
              DeleteVault @5:1-5:13
              DeleteVault force @6:1-6:21
                name: word v @6:14-6:15

            """)
        assertDiagnostics("detach 1️⃣servr x", [
            DiagSpec("1️⃣", id: "parse.expectedResourceKind",
                     message: "expected 'server' or 'disk' after 'detach', found 'servr'; did you mean 'server'?")
        ])
        assertDiagnostics("resize vault v1️⃣", [DiagSpec("1️⃣", id: "parse.expectedKeyword")])
        assertDiagnostics("resize vault size 1️⃣5m", [DiagSpec("1️⃣", id: "parse.expectedInteger")])
        assertDiagnostics("delete vault v 1️⃣forse", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    @Test func restoreAndDeleteMisuseIsLocated() {
        assertDiagnostics("restore 1️⃣b1", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'backup' after 'restore'")
        ])
        assertDiagnostics("restore backup b1 to 1️⃣s2", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'server' after 'to'")
        ])
        assertDiagnostics("restore backup b1 to server1️⃣", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("restore backup b1 1️⃣power-on 2️⃣power-on", [
            DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("restore backup b1 1️⃣timeout 5m", [DiagSpec("1️⃣", id: "parse.timeoutWithoutWait")])
        assertDiagnostics("delete 1️⃣checkpoint x", [DiagSpec("1️⃣", id: "parse.expectedKeyword")])
        assertDiagnostics("delete backup1️⃣", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("delete backup b 1️⃣wiat", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'wiat' in 'delete backup' statement; did you mean 'wait'?")
        ])
    }
}
