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

    /// The reading of the reference the parser must give: line by line, a body being the lines under its heading
    /// without the blank ones at either end (the parser finds the same by byte offsets).
    private static func readLineByLine(_ markdown: String) -> (sections: [LanguageHelp.Section], guides: [LanguageHelp.Section]) {
        var sections: [LanguageHelp.Section] = []
        var guides: [LanguageHelp.Section] = []
        var inStatements = false
        var current: LanguageHelp.Section?
        var guide: LanguageHelp.Section?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if let section = current { sections.append(section) }
                if let chapter = guide { guides.append(chapter) }
                current = nil
                inStatements = line.hasPrefix("## Statements")
                guide = inStatements ? nil : LanguageHelp.Section(synopses: [String(line.dropFirst(3))], body: "")
            } else if guide != nil {
                guide?.body += line + "\n"
            } else if inStatements, line.hasPrefix("### ") {
                if let section = current { sections.append(section) }
                let synopses = line.dropFirst(4).split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                current = LanguageHelp.Section(synopses: synopses, body: "")
            } else if current != nil {
                current?.body += line + "\n"
            }
        }
        if let section = current { sections.append(section) }
        if let chapter = guide { guides.append(chapter) }
        func trimmed(_ section: LanguageHelp.Section) -> LanguageHelp.Section {
            var lines = section.body.split(separator: "\n", omittingEmptySubsequences: false)
            while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
            while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
            return LanguageHelp.Section(synopses: section.synopses, body: lines.joined(separator: "\n"))
        }
        return (sections.map(trimmed), guides.map(trimmed))
    }

    @Test(arguments: [
        LanguageReferenceText.markdown,
        "# T\nintro\n## Values\n\n  \ntext\n### not a statement\n\n## Statements\nbefore\n### `a X` and `b`\n\n"
            + "one\n\ntwo\n \t\n### `c`\n## Last\ntail é",
        "## Statements\n### `x`", "## Only\n\n\n", "",
    ])
    func theParserReadsTheReferenceAsLineByLine(_ markdown: String) {
        let parsed = LanguageHelp(markdown: markdown)
        let expected = Self.readLineByLine(markdown)
        #expect(parsed.sections == expected.sections)
        #expect(parsed.guides == expected.guides)
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
