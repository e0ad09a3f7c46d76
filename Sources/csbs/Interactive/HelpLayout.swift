/// Help text laid out for the window: the reference's paragraphs (hard-wrapped in docs/LANGUAGE.md near 120
/// columns) are joined and wrapped again at the window's width, so no line breaks mid-word at the terminal's edge.
///
/// What is kept as written: blank lines, code (indented four spaces), tables (`|`). A list item (`- `) and an
/// indented line (the index's `  SYNOPSIS  — SUMMARY`) start a paragraph of their own whose later lines hang under
/// its text; a list item's own continuation lines (indented like its text) join it. In a paragraph, Markdown's
/// emphasis (`**…**`) and links (`[text](#anchor)`) are shown as their text; code spans (`` `…` ``) stay as written.
enum HelpLayout {
    /// Lines are not made longer than this, however wide the window: long lines are hard to read.
    static let widest = 100

    static func wrap(_ text: String, width columns: Int) -> String {
        let width = min(columns, widest)
        var output: [String] = []
        var paragraph: (first: String, hang: Int, words: [Substring])?

        func flush() {
            guard let current = paragraph else { return }
            let words = plainProse(current.words.joined(separator: " ")).split(separator: " ")
            output.append(contentsOf: DisplayWidth.wrapped(words, first: current.first, hang: current.hang, width: width))
            paragraph = nil
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.isEmpty || indent >= 4 || body.hasPrefix("|") {
                flush()
                output.append(String(line))
            } else if body.hasPrefix("- ") || body.hasPrefix("* ") {
                flush()
                paragraph = (String(line.prefix(indent + 2)), indent + 2, body.dropFirst(2).split(separator: " "))
            } else if let current = paragraph, indent > 0, indent == current.hang {
                paragraph?.words += body.split(separator: " ")
            } else if indent > 0 {
                flush()
                paragraph = (String(repeating: " ", count: indent), indent + 4, body.split(separator: " "))
            } else if paragraph != nil, paragraph?.first.isEmpty == true {
                paragraph?.words += body.split(separator: " ")
            } else {
                flush()
                paragraph = ("", 0, body.split(separator: " "))
            }
        }
        flush()
        return output.joined(separator: "\n")
    }

    /// A paragraph's Markdown as plain text: `**` dropped and a link `[text](target)` replaced by its text, except
    /// inside code spans, which keep every character (`[1, 2]`, `a ** b`).
    static func plainProse(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        var inCode = false
        /// Where the `]` closing the link text that opens at `start` stands, when `](…)` follows it.
        func linkEnd(from start: Int) -> (textEnd: Int, end: Int)? {
            var position = start + 1
            var code = false
            while position < characters.count {
                let character = characters[position]
                if character == "`" {
                    code.toggle()
                } else if !code, character == "[" {
                    return nil
                } else if !code, character == "]" {
                    guard position + 1 < characters.count, characters[position + 1] == "(",
                        let close = characters[(position + 2)...].firstIndex(of: ")")
                    else { return nil }
                    return (position, close)
                }
                position += 1
            }
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                inCode.toggle()
            } else if !inCode, character == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                continue
            } else if !inCode, character == "[", let link = linkEnd(from: index) {
                output += plainProse(String(characters[(index + 1)..<link.textEnd]))
                index = link.end + 1
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }

}
