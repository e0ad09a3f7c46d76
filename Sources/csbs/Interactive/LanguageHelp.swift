/// The shell's `help`, read from the language reference (docs/LANGUAGE.md, embedded by `scripts/generate-help`):
/// each `###` heading under `## Statements` names one or more statements by their synopses in backticks, and
/// the text under it explains them.
struct LanguageHelp: Sendable {
    /// One `###` section.
    struct Section: Sendable, Equatable {
        /// The synopses in the heading, e.g. `["show backup ID", "show checkpoint ID"]`.
        var synopses: [String]
        /// The text below the heading, up to the next heading.
        var body: String

        /// The statements it documents: the first word of each synopsis.
        var names: [String] { synopses.compactMap { $0.split(separator: " ").first.map(String.init) } }
    }

    let sections: [Section]
    /// The other `##` chapters (values, variables, expressions, running scripts, …), each as one section whose
    /// synopsis is its title, for `help variables` and the like.
    let guides: [Section]

    /// Parses the reference's statements and chapters.
    init(markdown: String) {
        var sections: [Section] = []
        var guides: [Section] = []
        var inStatements = false
        var current: Section?
        var guide: Section?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if let section = current { sections.append(section) }
                if let chapter = guide { guides.append(chapter) }
                current = nil
                inStatements = line.hasPrefix("## Statements")
                guide = inStatements ? nil : Section(synopses: [String(line.dropFirst(3))], body: "")
            } else if guide != nil {
                guide?.body += line + "\n"
            } else if inStatements, line.hasPrefix("### ") {
                if let section = current { sections.append(section) }
                current = Section(synopses: Self.backticked(in: line.dropFirst(4)), body: "")
            } else if current != nil {
                current?.body += line + "\n"
            }
        }
        if let section = current { sections.append(section) }
        if let chapter = guide { guides.append(chapter) }
        func trimmed(_ section: Section) -> Section {
            var trimmed = section
            trimmed.body = section.body.trimmingBlankLines
            return trimmed
        }
        self.sections = sections.map(trimmed)
        self.guides = guides.map(trimmed)
    }

    /// The chapter titled `title` (case-insensitively).
    func guide(titled title: String) -> Section? {
        guides.first { $0.synopses.first?.lowercased() == title.lowercased() }
    }

    /// The reference embedded in the binary.
    static let reference = LanguageHelp(markdown: LanguageReferenceText.markdown)

    /// Every statement name, in order of first appearance.
    var statementNames: [String] {
        var seen: Set<String> = []
        return sections.flatMap(\.names).filter { seen.insert($0).inserted }
    }

    /// The sections that document `name`.
    func sections(for name: String) -> [Section] {
        sections.filter { $0.names.contains(name) }
    }

    private static func backticked(in text: Substring) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }
            .map { String($0.element) }
    }
}

extension String {
    fileprivate var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
