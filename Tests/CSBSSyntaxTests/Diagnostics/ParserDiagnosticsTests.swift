@testable import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// One test per parser diagnostic ID, each pinning where the diagnostic points.
@Suite struct ParserDiagnosticsTests {
    @Test func duplicateOptionPointsAtTheRepeatAndNotesTheFirst() {
        assertDiagnostics(
            "backup 1️⃣wait name \"a\" 2️⃣wait",
            [
                DiagSpec(
                    "2️⃣", id: "parse.duplicateOption",
                    message: "'wait' is given more than once in this 'backup' statement",
                    notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere", message: "'wait' was first given here")])
            ])
        assertDiagnostics("backup name \"a\" description \"b\" 1️⃣name \"c\"", [
            DiagSpec("1️⃣", id: "parse.duplicateOption")
        ])
    }

    @Test func expectedDuration() {
        assertDiagnostics("backup wait timeout 1️⃣30", [
            DiagSpec("1️⃣", id: "parse.expectedDuration",
                     message: "expected a duration such as 30s, 5m or 2h after 'timeout'")
        ])
        assertDiagnostics("backup wait timeout1️⃣", [DiagSpec("1️⃣", id: "parse.expectedDuration")])
    }

    @Test(arguments: ["vault x size 1️⃣5m", "vault x size 1️⃣1.5", "vault x size 1️⃣200GB"])
    func expectedIntegerForNumbersThatAreNotWhole(source: String) {
        assertDiagnostics(source, [DiagSpec("1️⃣", id: "parse.expectedInteger")])
    }

    @Test func expectedIntegerMessage() {
        assertDiagnostics("backups limit 1️⃣5k", [
            DiagSpec("1️⃣", id: "parse.expectedInteger", message: "expected a whole number of backups, found '5k'")
        ])
    }

    /// A size written with a unit says what to write instead: the number alone for GB, the GB for TB and PB.
    @Test(arguments: [
        ("vault x size 1️⃣200GB", "found '200GB'; a size is a number of GB, written without a unit: 'size 200'"),
        ("vault x size 1️⃣200 gb server", "found '200 gb'; a size is a number of GB, written without a unit: 'size 200'"),
        ("resize vault x size 1️⃣2TB", "found '2TB'; a size is a number of GB: 2 TB is 'size 2048' (1 TB = 1024 GB)"),
        ("vault x size 1️⃣1 PiB", "found '1 PiB'; a size is a number of GB: 1 PB is 'size 1048576' (1 PB = 1048576 GB)"),
        ("vault x size 1️⃣500MB", "found '500MB'; a size is a whole number of GB, at least 10"),
        ("vault x size 1️⃣1.5", "found '1.5'"),
    ])
    func sizeWithAUnit(source: String, ending: String) {
        assertDiagnostics(source, [
            DiagSpec("1️⃣", id: "parse.expectedInteger", message: "expected a whole number of GB, \(ending)")
        ])
    }

    /// A number too large to convert gets no conversion rather than a wrong one.
    @Test func sizeHintOfAHugeNumber() {
        #expect(ExpectedInteger.sizeHint(for: "9000000000000000000TB") == nil)
        #expect(ExpectedInteger.sizeHint(for: "200") == nil)
        #expect(ExpectedInteger.sizeHint(for: "web-01") == nil)
    }

    @Test func expectedKeywordSize() {
        assertDiagnostics("vault x 1️⃣200", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'size' after the vault name")
        ])
        // A vault name on its own reads as selecting the vault: the message names the statement that does.
        assertDiagnostics(#"vault "v1"1️⃣"#, [
            DiagSpec(
                "1️⃣", id: "parse.expectedKeyword",
                message: #"expected 'size' after the vault name; to select an existing vault, write 'use vault "v1"'"#
            )
        ])
        assertDiagnostics("vault x1️⃣; echo 1", [DiagSpec("1️⃣", id: "parse.expectedKeyword")])
    }

    @Test func expectedResourceID() {
        assertDiagnostics("attach server1️⃣", [DiagSpec("1️⃣", id: "parse.expectedResourceID")])
        assertDiagnostics("attach disk 1️⃣42", [DiagSpec("1️⃣", id: "parse.expectedResourceID")])
        assertDiagnostics(
            "attach server a b 1️⃣name \"web\"", [DiagSpec("1️⃣", id: "parse.nameOfSeveralResources")]
        )
    }

    @Test func expectedResourceKindSuggestsTheCloseOne() {
        assertDiagnostics("attach 1️⃣sever abc", [
            DiagSpec("1️⃣", id: "parse.expectedResourceKind",
                     message: "expected 'server' or 'disk' after 'attach', found 'sever'; did you mean 'server'?")
        ])
        assertDiagnostics("attach1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedResourceKind", message: "expected 'server' or 'disk' after 'attach'")
        ])
        assertDiagnostics("attach 1️⃣volume abc", [
            DiagSpec("1️⃣", id: "parse.expectedResourceKind",
                     message: "expected 'server' or 'disk' after 'attach', found 'volume'")
        ])
    }

    @Test func expectedSize() {
        assertDiagnostics("vault \"x\" size 1️⃣big", [
            DiagSpec("1️⃣", id: "parse.expectedSize", message: "expected the vault size in GB after 'size'")
        ])
        assertDiagnostics("vault \"x\" size1️⃣ # none", [DiagSpec("1️⃣", id: "parse.expectedSize")])
    }

    @Test func expectedStatement() {
        assertDiagnostics("1️⃣\"backup\"", [
            DiagSpec("1️⃣", id: "parse.expectedStatement",
                     message: "expected a statement such as 'vault', 'attach' or 'backup', found '\"backup\"'")
        ])
        assertDiagnostics("1️⃣42 backup", [DiagSpec("1️⃣", id: "parse.expectedStatement")])
    }

    @Test(arguments: [
        "attach server abc name 1️⃣web", "attach server abc name1️⃣", "backup name 1️⃣5",
        "backup description1️⃣; backup",
    ])
    func expectedString(source: String) {
        assertDiagnostics(source, [DiagSpec("1️⃣", id: "parse.expectedString")])
    }

    @Test func expectedVaultName() {
        assertDiagnostics("vault1️⃣", [DiagSpec("1️⃣", id: "parse.expectedVaultName")])
        assertDiagnostics("vault 1️⃣size 10", [DiagSpec("1️⃣", id: "parse.expectedVaultName")])
        assertDiagnostics("vault 1️⃣10 size 10", [DiagSpec("1️⃣", id: "parse.expectedVaultName")])
    }

    @Test func unexpectedTokenAfterACompleteStatement() {
        assertDiagnostics("vault x size 10 1️⃣extra stuff", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken",
                     message: "unexpected 'extra' after the end of the 'vault' statement; "
                        + "separate statements with ';' or a newline")
        ])
        assertDiagnostics("attach server abc name \"w\" 1️⃣name \"v\"", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken")
        ])
        assertDiagnostics("backup wait 1️⃣\"now\"", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    @Test func timeoutWithoutWaitSaysWhereItBelongs() {
        assertDiagnostics("backup name \"x\" 1️⃣timeout 5m", [
            DiagSpec("1️⃣", id: "parse.timeoutWithoutWait", message: "'timeout' belongs to 'wait': write 'wait timeout 30m'")
        ])
        assertDiagnostics("backup wait timeout 5m 1️⃣timeout 1m", [DiagSpec("1️⃣", id: "parse.duplicateOption")])
    }

    @Test func unexpectedTokenSuggestsAnOption() {
        assertDiagnostics("backup wait 1️⃣nmae \"x\"", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken",
                     message: "unexpected 'nmae' in 'backup' statement; did you mean 'name'?")
        ])
        assertDiagnostics("attach disk d 1️⃣nam \"x\"", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken",
                     message: "unexpected 'nam' in 'attach' statement; did you mean 'name'?")
        ])
    }

    @Test func unknownStatement() {
        assertDiagnostics("1️⃣bakup wait", [
            DiagSpec("1️⃣", id: "parse.unknownStatement", message: "unknown statement 'bakup'; did you mean 'backup'?")
        ])
        assertDiagnostics("1️⃣Vault x size 1", [
            DiagSpec("1️⃣", id: "parse.unknownStatement", message: "unknown statement 'Vault'; did you mean 'vault'?")
        ])
        assertDiagnostics("1️⃣frobnicate", [
            DiagSpec("1️⃣", id: "parse.unknownStatement",
                     message: "unknown statement 'frobnicate'; expected one of 'assert', 'attach', 'backup', 'backups', 'bind', 'break', "
                        + "'confirm', 'continue', 'def', 'delete', 'detach', 'echo', 'endpoint', 'exit', 'for', 'if', 'let', 'on', 'param', 'policies', 'policy', 'profile', 'protect', "
                        + "'region', 'resize', 'restore', 'retry', 'return', 'servers', 'set', 'sleep', 'show', 'source', 'tasks', 'try', 'unbind', 'use', 'vault', "
                        + "'vaults', 'wait', 'warn', 'while'")
        ])
    }

    @Test func invalidTokensDoNotCascade() {
        // The lexer's diagnostic explains the problem; the parser adds nothing at the same token.
        assertDiagnostics("vault x size 1️⃣99999999999999999999", [DiagSpec("1️⃣", id: "lex.integerOverflow")])
        assertDiagnostics("1️⃣@ vault", [DiagSpec("1️⃣", id: "lex.unexpectedCharacter")])
        assertDiagnostics("backup wait 1️⃣!", [DiagSpec("1️⃣", id: "lex.unexpectedCharacter")])
    }

    @Test func threeBadLinesGiveThreeDiagnostics() {
        // Given three bad statements among good ones, When parsed once, Then each is reported on its own line.
        let source = """
            vault "v" size 1️⃣big
            attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            2️⃣bakup wait
            backup; attach 3️⃣srv x
            """
        let result = assertDiagnostics(source, [
            DiagSpec("1️⃣", id: "parse.expectedSize"),
            DiagSpec("2️⃣", id: "parse.unknownStatement"),
            DiagSpec("3️⃣", id: "parse.expectedResourceKind"),
        ])
        let converter = SourceLocationConverter(MarkedText(source).text)
        #expect(result.diagnostics.map { converter.location(ofOffset: $0.range.lowerBound).line } == [1, 3, 4])
        #expect(result.script.statements.count == 2)
    }
}
