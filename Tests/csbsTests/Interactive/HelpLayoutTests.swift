import Testing

@testable import csbs

/// Help text wrapped to the window: paragraphs re-filled, code and tables as written, hanging indents.
@Suite struct HelpLayoutTests {
    @Test func everyStatementsHelpFitsEightyColumnsExceptCode() {
        for name in LanguageHelp.reference.statementNames + ["variables", "values", "expressions", ""] {
            let text = ShellVocabulary.help(topic: name.isEmpty ? nil : name)
            for line in HelpLayout.wrap(text, width: 80).split(separator: "\n") {
                let isCode = line.hasPrefix("    ") || line.hasPrefix("|")
                let longestWord = line.split(separator: " ").map { DisplayWidth.of(String($0)) }.max() ?? 0
                guard !isCode, longestWord < 80 else { continue }
                #expect(DisplayWidth.of(String(line)) <= 80, "help \(name): \(line)")
            }
        }
    }

    @Test func paragraphsAreRefilledAndTheRestKeptAsWritten() {
        let text = """
            vault NAME size GB

            One two three four
            five six.

                code line that is long enough to pass the width of this test by far
            | a | b |
            - an item that
              goes on
            Shell commands:
              help [TOPIC] — Lists the statements and topics
            """
        #expect(
            HelpLayout.wrap(text, width: 20) == """
                vault NAME size GB

                One two three four
                five six.

                    code line that is long enough to pass the width of this test by far
                | a | b |
                - an item that goes
                  on
                Shell commands:
                  help [TOPIC] —
                      Lists the
                      statements and
                      topics
                """
        )
    }

    @Test func paragraphsShowMarkdownEmphasisAndLinksAsTheirTextButCodeAsWritten() {
        let text = "A **bold** word; see [Warnings](#warnings) and [`on error`](#on-error), not `a ** b` or `[1, 2](x)`;\n"
            + "[TOPIC] stays, [a\nlink](#split) joins."
        #expect(
            HelpLayout.wrap(text, width: 200)
                == "A bold word; see Warnings and `on error`, not `a ** b` or `[1, 2](x)`; [TOPIC] stays, a link joins."
        )
        #expect(HelpLayout.wrap("    code **kept** [x](#y)", width: 80) == "    code **kept** [x](#y)")
    }

    @Test func theReferenceShowsNoMarkdownOutsideCode() {
        for name in LanguageHelp.reference.statementNames + ["variables", "values", "expressions", ""] {
            let text = ShellVocabulary.help(topic: name.isEmpty ? nil : name)
            for line in HelpLayout.wrap(text, width: 100).split(separator: "\n")
            where !line.hasPrefix("    ") && !line.hasPrefix("|") {
                let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined()
                #expect(!prose.contains("**") && !prose.contains("](#"), "help \(name): \(line)")
            }
        }
    }

    @Test func widthIsCappedForReadability() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let lines = HelpLayout.wrap(words, width: 300).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= HelpLayout.widest })
        #expect(lines.count > 1)
    }
}
