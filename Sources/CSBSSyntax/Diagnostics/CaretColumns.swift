/// Where a caret goes on a displayed source line: UTF-8 byte offsets within the line turned into display
/// columns, counting one column per character (two for wide East Asian characters and emoji), expanding
/// tabs to the next tab stop and control characters to their visible escapes (`\e`, `\u{9b}`).
struct CaretColumns {
    /// The line with its tabs expanded to spaces, as it is displayed.
    let expandedLine: String
    /// The 0-based display column where the caret starts.
    let offset: Int
    /// The number of display columns the range covers; at least 1, so an empty range still gets a `^`.
    let width: Int

    /// - Parameters:
    ///   - line: The line's text without its terminator.
    ///   - utf8Start: The 0-based UTF-8 offset of the range's start within the line.
    ///   - utf8End: The 0-based UTF-8 offset of the range's end within the line, clamped to the line's length.
    ///   - tabWidth: The distance between tab stops.
    init(line: String, utf8Start: Int, utf8End: Int, tabWidth: Int) {
        var expanded = ""
        var column = 0
        var utf8Offset = 0
        var startColumn: Int?
        var endColumn: Int?
        for character in line {
            // A range that starts or ends inside a character covers all of it.
            if startColumn == nil, utf8Start < utf8Offset + character.utf8.count { startColumn = column }
            if endColumn == nil, utf8End <= utf8Offset { endColumn = column }
            if character == "\t" {
                let spaces = tabWidth - column % tabWidth
                expanded += String(repeating: " ", count: spaces)
                column += spaces
            } else if let escaped = character.escapedForTerminal {
                // A control character never reaches the terminal raw: `\e[2J` in a script would clear the screen.
                expanded += escaped
                column += escaped.count
            } else {
                expanded.append(character)
                column += Self.displayWidth(of: character)
            }
            utf8Offset += character.utf8.count
        }
        let start = startColumn ?? column
        expandedLine = expanded
        offset = start
        width = max((endColumn ?? column) - start, 1)
    }

    /// 2 for characters terminals draw two columns wide (emoji, CJK, full-width forms), otherwise 1.
    static func displayWidth(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 1 }
        if first.properties.isEmojiPresentation || character.unicodeScalars.contains("\u{FE0F}") { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
