import CSBSSyntax
import Testing

@Suite struct ParserTests {
    /// Parses `text`, expects no diagnostics and returns the tree dump.
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func theBriefExample() {
        // Given the example from the brief on one line, When parsed, Then three statements with exact ranges.
        let text = "vault \"my_vault\" size 200; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait"
        #expect(dump(text) == """
            Script
              Vault @1:1-1:26
                name: string "my_vault" @1:7-1:17
                size: integer 200 @1:23-1:26
              Attach server @1:28-1:78
                id: word e8cc6bfd-d324-4b88-9109-9fb0ba70676f @1:42-1:78
              Backup @1:80-1:91
                Wait @1:87-1:91

            """)
    }

    @Test func vaultNameMayBeABareWord() {
        #expect(dump("vault nightly size 10") == """
            Script
              Vault @1:1-1:22
                name: word nightly @1:7-1:14
                size: integer 10 @1:20-1:22

            """)
    }

    @Test func attachWithNameAndStringID() {
        #expect(dump("attach disk \"d-1\" name \"data\\tdisk\"") == """
            Script
              Attach disk @1:1-1:36
                id: string "d-1" @1:13-1:18
                name: string "data\\tdisk" @1:24-1:36

            """)
    }

    @Test func backupOptionsInAnyOrderAcrossAContinuedLine() {
        let text = """
            backup wait timeout 250ms \\
              description "before upgrade" name "pre-42"
            """
        #expect(dump(text) == """
            Script
              Backup @1:1-2:45
                name: string "pre-42" @2:37-2:45
                description: string "before upgrade" @2:15-2:31
                Wait @1:8-1:26
                  timeout: duration 250ms @1:21-1:26

            """)
    }

    @Test func bareBackupAndWaitWithoutTimeout() {
        #expect(dump("backup\nbackup wait timeout 2h") == """
            Script
              Backup @1:1-1:7
              Backup @2:1-2:23
                Wait @2:8-2:23
                  timeout: duration 7200s @2:21-2:23

            """)
    }

    @Test func emptyStatementsCommentsAndShebang() {
        let text = "#!/usr/bin/env csbs\n\n;;\n  # note\nbackup ; ; backup # trailing\n\n"
        #expect(dump(text) == """
            Script
              Backup @5:1-5:7
              Backup @5:12-5:18

            """)
    }

    @Test func keywordsAreContextual() {
        // `backup` and `size` are fine as bare-word names.
        #expect(dump("vault backup size 1") == """
            Script
              Vault @1:1-1:20
                name: word backup @1:7-1:13
                size: integer 1 @1:19-1:20

            """)
    }

    @Test func multiByteTextShiftsUTF8Columns() {
        #expect(dump("vault \"é😀\" size 1") == """
            Script
              Vault @1:1-1:22
                name: string "é😀" @1:7-1:15
                size: integer 1 @1:21-1:22

            """)
    }

    @Test func emptyScript() {
        #expect(dump("") == "Script\n")
        #expect(dump("\n\n# nothing\n") == "Script\n")
    }

    @Test func badStatementsAreLeftOutAndGoodOnesKept() {
        // Given bad statements between good ones, When parsed, Then only the good ones are in the tree.
        let file = SourceFile(name: "t", text: "backup\nvault x size big\nbackup nmae \"y\"\nvault \"z\nbackup wait")
        let result = Parser.parse(file)
        #expect(result.hasErrors)
        #expect(result.script.debugDump(file) == """
            Script
              Backup @1:1-1:7
              Backup @5:1-5:12
                Wait @5:8-5:12

            """)
    }

    @Test func astValuesAndRanges() {
        let result = Parser.parse(SourceFile(name: "t", text: "attach server abc name \"web\""))
        let expected = AttachStmt(
            kind: .server, ids: [.word("abc", SourceRange(14, 17))], name: .string("web", SourceRange(23, 28)),
            range: SourceRange(0, 28))
        #expect(result.script.statements == [.attach(expected)])
        #expect(result.script.statements.first?.range == SourceRange(0, 28))
        #expect(!result.hasErrors)
    }

    @Test func attachTakesSeveralIDsAndLists() {
        let result = Parser.parse(SourceFile(name: "t", text: "attach disk a \"b\" $rest"))
        guard case .attach(let attach)? = result.script.statements.first else {
            Issue.record("not an attach statement")
            return
        }
        #expect(attach.kind == .disk)
        #expect(attach.ids.count == 3)
        #expect(attach.name == nil)
        #expect(attach.range == SourceRange(0, 23))
        #expect(!result.hasErrors)
    }

    @Test func resourceIDsMayBeAListLiteral() {
        // `attach server [a, b]` as `let fleet = [a, b]; attach server $fleet`; it was "expected the ID of the
        // resource to attach".
        let text = "attach server [a, \"b\"] c\nbackup server [a, b] wait"
        let result = Parser.parse(SourceFile(name: "t", text: text))
        #expect(!result.hasErrors)
        guard case .attach(let attach)? = result.script.statements.first,
            case .backup(let backup)? = result.script.statements.last
        else {
            Issue.record("not an attach and a backup statement")
            return
        }
        guard case .list(let listed, _)? = attach.ids.first else {
            Issue.record("the first ID is not a list: \(attach.ids)")
            return
        }
        #expect(listed.count == 2)
        #expect(attach.ids.count == 2)
        #expect(backup.resources.count == 1)
        #expect(backup.wait != nil)
    }

    @Test func detachTakesSeveralIDsAndLists() {
        let result = Parser.parse(SourceFile(name: "t", text: "detach disk a [b, c] $rest"))
        #expect(!result.hasErrors)
        guard case .detach(let detach)? = result.script.statements.first else {
            Issue.record("not a detach statement")
            return
        }
        #expect(detach.kind == .disk)
        #expect(detach.ids.count == 3)
        #expect(detach.range == SourceRange(0, 26))
    }
}
