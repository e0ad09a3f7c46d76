import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// The options of `vault` (protection type, consistency, tags, resize), of `backup` (full/incremental, the
/// resources to back up) and the context statements `region`, `profile`, `endpoint`.
@Suite struct ParserVaultBackupOptionsTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    // MARK: vault

    @Test func vaultTakesItsOptionsInAnyOrder() {
        // Given every option, in an order unlike the synopsis
        let text = #"vault db size 100 tag env=prod "team"="db ops" tier=1 app resize disk"#
        // Then each lands in the tree, tag values as written
        #expect(dump(text) == """
            Script
              Vault disk app resize @1:1-1:70
                name: word db @1:7-1:9
                size: integer 100 @1:15-1:18
                tag key: word env @1:23-1:26
                tag value: word prod @1:27-1:31
                tag key: string "team" @1:32-1:38
                tag value: string "db ops" @1:39-1:47
                tag key: word tier @1:48-1:52
                tag value: word 1 @1:53-1:54

            """)
    }

    @Test func vaultWithoutOptionsIsUnchanged() {
        #expect(dump("vault v size 10") == "Script\n  Vault @1:1-1:16\n    name: word v @1:7-1:8\n    size: integer 10 @1:14-1:16\n")
    }

    @Test func vaultTagValuesMayBeComputed() {
        #expect(dump("let e = \"prod\"\nvault v size 10 server crash tag env=$e owner=\"${e}-team\"") == """
            Script
              Let e @1:1-1:15
                value: string "prod" @1:9-1:15
              Vault server crash @2:1-2:58
                name: word v @2:7-2:8
                size: integer 10 @2:14-2:16
                tag key: word env @2:34-2:37
                tag value: variable $e @2:38-2:40
                tag key: word owner @2:41-2:46
                tag value: interpolated @2:47-2:58
                  code: variable $e @2:50-2:51
                  literal "-team"

            """)
    }

    @Test func conflictingVaultOptionsAreLocated() {
        assertDiagnostics("vault v size 10 2️⃣server 1️⃣disk", [
            DiagSpec("1️⃣", id: "parse.conflictingOptions", message: "'disk' and 'server' exclude each other; give one of them",
                     notes: [DiagSpec("2️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("vault v size 10 app 1️⃣crash", [DiagSpec("1️⃣", id: "parse.conflictingOptions")])
        assertDiagnostics("vault v size 10 resize 1️⃣resize", [DiagSpec("1️⃣", id: "parse.duplicateOption")])
    }

    @Test func badTagsAreLocated() {
        assertDiagnostics("vault v size 10 tag1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedTag", message: "expected KEY=VALUE after 'tag', such as env=prod")
        ])
        assertDiagnostics("vault v size 10 tag env 1️⃣prod", [
            DiagSpec("1️⃣", id: "parse.expectedTagValue",
                     message: "expected '=VALUE' after the tag key 'env', as in env=prod")
        ])
        assertDiagnostics("vault v size 10 tag env=1️⃣", [DiagSpec("1️⃣", id: "parse.expectedTagValue")])
        assertDiagnostics("vault v size 10 tag env=a 1️⃣env=b", [
            DiagSpec("1️⃣", id: "parse.duplicateTag", message: "the tag 'env' is given more than once")
        ])
    }

    @Test func aMisspeltVaultOptionIsSuggested() {
        assertDiagnostics("vault v size 10 1️⃣resise", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken",
                     message: "unexpected 'resise' in 'vault' statement; did you mean 'resize'?")
        ])
    }

    // MARK: backup

    @Test func backupTakesFullIncrementalAndResources() {
        #expect(dump("backup incremental server a b \"c\" name \"n\" wait") == """
            Script
              Backup incremental @1:1-1:48
                name: string "n" @1:40-1:43
                resource: word a @1:27-1:28
                resource: word b @1:29-1:30
                resource: string "c" @1:31-1:34
                Wait @1:44-1:48

            """)
        #expect(dump("backup full disk $ids") == """
            Script
              Backup full @1:1-1:22
                resource: variable $ids @1:18-1:22

            """)
    }

    @Test func backupOptionProblemsAreLocated() {
        assertDiagnostics("backup full 1️⃣incremental", [DiagSpec("1️⃣", id: "parse.conflictingOptions")])
        assertDiagnostics("backup server1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue",
                     message: "expected one or more IDs of the vault's resources after 'server'")
        ])
        assertDiagnostics("backup server 1️⃣wait", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("backup server a 1️⃣timeout 5m", [DiagSpec("1️⃣", id: "parse.timeoutWithoutWait")])
        assertDiagnostics("backup 1️⃣incremantal", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken",
                     message: "unexpected 'incremantal' in 'backup' statement; did you mean 'incremental'?")
        ])
    }

    // MARK: region, profile, endpoint

    @Test func contextStatementsTakeOneValue() {
        #expect(dump("region cn-south-1\nprofile \"prod\"\nendpoint \"http://127.0.0.1:9\"\nregion $r") == """
            Script
              Context region @1:1-1:18
                value: word cn-south-1 @1:8-1:18
              Context profile @2:1-2:15
                value: string "prod" @2:9-2:15
              Context endpoint @3:1-3:30
                value: string "http://127.0.0.1:9" @3:10-3:30
              Context region @4:1-4:10
                value: variable $r @4:8-4:10

            """)
    }

    @Test func contextStatementProblemsAreLocated() {
        assertDiagnostics("region1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue", message: "expected a region name such as cn-north-4 after 'region'")
        ])
        assertDiagnostics("profile a 1️⃣b", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    @Test func literalRegionsAreCheckedAgainstTheRegionTable() {
        // Given a resolver that knows the client's regions
        let file = SourceFile(name: "main.csbs", text: "region cn-north-4\nregion cn-nrth-4\nregion $r")
        var resolver = Resolver(predeclared: ["r"], knownRegions: ["cn-north-4", "cn-south-1"])
        // When it resolves a script with a known, a misspelt and a computed region
        let findings = resolver.resolve(Parser.parse(file).script, in: file).map(\.diagnostic)
        // Then only the misspelt one is reported, with a suggestion
        #expect(findings.map(\.id.description) == ["resolve.unknownRegion"])
        #expect(findings.first?.text == "unknown region 'cn-nrth-4'; did you mean 'cn-north-4'?")
        #expect(findings.first?.range.lowerBound == 25)
        // And without a region table nothing is checked
        var unchecked = Resolver(predeclared: ["r"])
        #expect(unchecked.resolve(Parser.parse(file).script, in: file).isEmpty)
    }
}
