import Foundation
import Testing

@testable import csbs

@Suite struct LanguageHelpTests {
    /// The package root, from this file's path.
    private static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func theEmbeddedReferenceIsTheDocument() throws {
        let document = try String(contentsOf: Self.root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
        #expect(
            LanguageReferenceText.markdown + "\n" == document,
            "docs/LANGUAGE.md changed: run scripts/generate-help"
        )
    }

    @Test func everyStatementOfTheReferenceHasHelp() {
        let reference = LanguageHelp.reference
        #expect(reference.statementNames.contains("vault"))
        #expect(reference.statementNames.contains("for"))
        for name in reference.statementNames {
            #expect(!ShellVocabulary.help(topic: name).hasPrefix("no statement"), "\(name)")
        }
        #expect(ShellVocabulary.help(topic: "nonsense").hasPrefix("no statement named 'nonsense'"))
    }

    @Test func helpShowsTheSynopsisAndTheTextWithoutFences() {
        let reference = LanguageHelp(markdown: """
            # x
            ## Statements
            ### `show backup ID`, `show checkpoint ID`
            Shows one.

            ```csbs
            show backup $b.id
            ```
            ## Running scripts
            """)
        let text = ShellVocabulary.help(topic: "show", reference: reference)
        #expect(text == "show backup ID\nshow checkpoint ID\n\nShows one.\n\n    show backup $b.id\n")
        #expect(reference.keywords["show"] == ["backup", "checkpoint"])
    }
}
