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
            #expect(!ShellVocabulary.help(topic: name).hasPrefix("no help"), "\(name)")
        }
        #expect(ShellVocabulary.help(topic: "nonsense").hasPrefix("no help on 'nonsense'; 'help' lists"))
    }

    @Test func topicsAreCaseInsensitiveNarrowByWordsAndCoverTheChapters() {
        #expect(ShellVocabulary.help(topic: "BACKUP") == ShellVocabulary.help(topic: "backup"))
        let checkpoint = ShellVocabulary.help(topic: "show checkpoint")
        #expect(checkpoint.hasPrefix("show backup ID\nshow checkpoint ID\n"))
        #expect(!checkpoint.contains("show vault"))
        #expect(ShellVocabulary.help(topic: "let").hasPrefix("Variables\n\n`let NAME = VALUE` declares"))
        #expect(ShellVocabulary.help(topic: "set") == ShellVocabulary.help(topic: "variables"))
        #expect(ShellVocabulary.help(topic: "Expressions").hasPrefix("Expressions\n"))
        #expect(ShellVocabulary.help(topic: "bakup").hasPrefix("no help on 'bakup'; did you mean 'backup'?"))
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
    }
}
