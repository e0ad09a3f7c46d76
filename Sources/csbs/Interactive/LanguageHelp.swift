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
    ///
    /// A line is found by its byte offsets and a body is sliced once, from the line after its heading to the next
    /// heading: the shell parses the whole reference (66 KB) before its first prompt (completion reads the
    /// synopses), and splitting it into Characters line by line, appending each line to its body, was about a
    /// tenth of the start's CPU (BENCHMARKS.md, "Shell start-up").
    init(markdown: String) {
        let text = Substring(markdown)
        var sections: [Section] = []
        var guides: [Section] = []
        var inStatements = false
        /// The section being read: its synopses, whether it is a chapter, and where its body begins.
        var open: (synopses: [String], isGuide: Bool, body: String.Index)?
        func close(at end: String.Index) {
            guard let reading = open else { return }
            let section = Section(synopses: reading.synopses, body: Self.trimmingBlankLines(text[reading.body..<end]))
            if reading.isGuide { guides.append(section) } else { sections.append(section) }
            open = nil
        }
        var lineStart = text.startIndex
        while true {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let next = lineEnd == text.endIndex ? lineEnd : text.utf8.index(after: lineEnd)
            let line = text[lineStart..<lineEnd]
            if line.utf8.starts(with: "## ".utf8) {
                close(at: lineStart)
                inStatements = line.utf8.starts(with: "## Statements".utf8)
                if !inStatements { open = ([String(line.dropFirst(3))], true, next) }
            } else if inStatements, line.utf8.starts(with: "### ".utf8) {
                close(at: lineStart)
                open = (Self.backticked(in: line.dropFirst(4)), false, next)
            }
            guard lineEnd < text.endIndex else { break }
            lineStart = next
        }
        close(at: text.endIndex)
        self.sections = sections
        self.guides = guides
    }

    /// The lines of `text` from its first to its last that is not blank (whitespace only), without a line break
    /// after the last.
    private static func trimmingBlankLines(_ text: Substring) -> String {
        var first: String.Index?
        var last = text.startIndex
        var lineStart = text.startIndex
        while true {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            if !text[lineStart..<lineEnd].allSatisfy(\.isWhitespace) {
                if first == nil { first = lineStart }
                last = lineEnd
            }
            guard lineEnd < text.endIndex else { break }
            lineStart = text.utf8.index(after: lineEnd)
        }
        guard let first else { return "" }
        return String(text[first..<last])
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
