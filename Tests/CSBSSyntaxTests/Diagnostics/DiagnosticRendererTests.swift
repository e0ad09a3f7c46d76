import CSBSSyntax
import Testing

@Suite struct DiagnosticRendererTests {
    private func renderParse(
        _ text: String, name: String = "deploy.csbs", colorMode: DiagnosticRenderer.ColorMode = .off
    ) -> String {
        let file = SourceFile(name: name, text: text)
        return DiagnosticRenderer(colorMode: colorMode).render(Parser.parse(file).diagnostics, in: file)
    }

    @Test func theBriefExample() {
        let text = "backup\nbackup\nvault \"x\" size big\n"
        #expect(renderParse(text) == """
            deploy.csbs:3:16: error: expected the vault size in GB after 'size' [parse.expectedSize]
            3 | vault "x" size big
              |                ^~~

            """)
    }

    @Test func missingPieceGetsOneCaretAfterThePreviousToken() {
        #expect(renderParse("vault") == """
            deploy.csbs:1:6: error: expected a vault name, a string or a bare word, after 'vault' \
            [parse.expectedVaultName]
            1 | vault
              |      ^

            """)
    }

    /// A line short in bytes but wide on screen — control characters shown as escapes, as in the first "line" of a
    /// binary file — is cut to the window like a long one, with the caret still under its token.
    @Test func aLineOfEscapedControlCharactersIsCutToTheWindow() {
        let file = SourceFile(name: "deploy.csbs", text: "echo " + String(repeating: "\u{1}", count: 120) + " \"open")
        // The last diagnostic, the string never closed (each control character has one of its own).
        let last = Parser.parse(file).diagnostics.last.map { [$0] } ?? []
        let lines = DiagnosticRenderer().render(last, in: file).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1 | …") && lines[1].count <= 4 + 1 + 160 + 1, "\(lines[1].count) columns")
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let quote = lines[1].firstIndex(of: "\"").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        #expect(caret != nil && caret == quote)
    }

    @Test func multiByteCharactersBeforeTheCaretDoNotShiftIt() {
        // "é" and "ü" are 2 UTF-8 bytes each, so the header's byte column is 19 but the caret sits under "big".
        #expect(renderParse("vault \"éü\" size big") == """
            deploy.csbs:1:19: error: expected the vault size in GB after 'size' [parse.expectedSize]
            1 | vault "éü" size big
              |                 ^~~

            """)
    }

    @Test func wideCharactersTakeTwoColumns() {
        // "😀" and "日" are drawn two columns wide by terminals.
        #expect(renderParse("vault \"😀日\" size big") == """
            deploy.csbs:1:22: error: expected the vault size in GB after 'size' [parse.expectedSize]
            1 | vault "😀日" size big
              |                   ^~~

            """)
    }

    @Test func multiByteCharactersInsideTheRangeCountOnce() {
        #expect(renderParse("vault x size \"ééé\"") == """
            deploy.csbs:1:14: error: expected the vault size in GB after 'size' [parse.expectedSize]
            1 | vault x size "ééé"
              |              ^~~~~

            """)
        #expect(renderParse("backup ééé") == """
            deploy.csbs:1:8: error: unexpected characters 'ééé' [lex.unexpectedCharacter]
            1 | backup ééé
              |        ^~~

            """)
    }

    @Test func tabsAreExpandedToTabStopsInBothLines() {
        #expect(renderParse("\tvault x\tsize\tbig") == """
            deploy.csbs:1:15: error: expected the vault size in GB after 'size' [parse.expectedSize]
            1 |     vault x size    big
              |                     ^~~

            """)
    }

    @Test func gutterWidensForLongLineNumbers() {
        let text = String(repeating: "\n", count: 11) + "bakup"
        #expect(renderParse(text) == """
            deploy.csbs:12:1: error: unknown statement 'bakup'; did you mean 'backup'? [parse.unknownStatement]
            12 | bakup
               | ^~~~~

            """)
    }

    @Test func notesFollowTheirDiagnosticWithTheirOwnLocation() {
        #expect(renderParse("backup wait \\\n  wait") == """
            deploy.csbs:2:3: error: 'wait' is given more than once in this 'backup' statement [parse.duplicateOption]
            2 |   wait
              |   ^~~~
            deploy.csbs:1:8: note: 'wait' was first given here [parse.firstGivenHere]
            1 | backup wait \\
              |        ^~~~

            """)
    }

    @Test func severalDiagnosticsInOrder() {
        #expect(renderParse("attach\nvault x 1", name: "<stdin>") == """
            <stdin>:1:7: error: expected 'server' or 'disk' after 'attach' [parse.expectedResourceKind]
            1 | attach
              |       ^
            <stdin>:2:9: error: expected 'size' after the vault name [parse.expectedKeyword]
            2 | vault x 1
              |         ^

            """)
    }

    @Test func runtimeMessagesAndWarningsRenderTheSameWay() {
        let file = SourceFile(name: "run.csbs", text: "backup wait\n")
        let message = SimpleDiagnosticMessage(
            id: MessageID(domain: "runtime", name: "slow"), message: "this may take a while", severity: .warning)
        let rendered = DiagnosticRenderer().render(Diagnostic(message, range: SourceRange(7, 11)), in: file)
        #expect(rendered == """
            run.csbs:1:8: warning: this may take a while [runtime.slow]
            1 | backup wait
              |        ^~~~

            """)
    }

    @Test func rangesPastTheLineEndAreClampedToIt() {
        let file = SourceFile(name: "f", text: "ab\ncd")
        let message = SimpleDiagnosticMessage(id: MessageID(domain: "t", name: "x"), message: "m")
        #expect(DiagnosticRenderer().render(Diagnostic(message, range: SourceRange(1, 5)), in: file) == """
            f:1:2: error: m [t.x]
            1 | ab
              |  ^

            """)
        #expect(DiagnosticRenderer().render(Diagnostic(message, range: SourceRange(90, 99)), in: file) == """
            f:2:3: error: m [t.x]
            2 | cd
              |   ^

            """)
    }

    @Test func colorOnAddsANSIEscapesAndOffHasNone() {
        let plain = renderParse("bakup")
        let colored = renderParse("bakup", colorMode: .on)
        #expect(!plain.contains("\u{1B}"))
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let stripped = colored.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == plain)
    }
}
