/// Where a line stands among double-quoted strings, read character by character as the language reads them: `\`
/// escapes the next character in a string, `${` opens code in a string, and that code may hold strings of its own
/// (`"${x ?? "none"}"`), brackets, and ends at the `}` that closes it; a `#` at the start of a word outside strings
/// starts a comment to the end of the line.
///
/// The completer's scans (the open string, the statements, the words) all go through this one reading, so a quote
/// inside `${…}` or after a `\` does not end a string for one and not for another. The shell cannot use the lexer
/// (the language reaches it only through `ShellEngine`); `ShellStringReadingTests` (csbsTests, which links both)
/// holds the two equal on every line of the examples, the reference and the fuzz corpus.
struct StringNesting {
    private enum Level {
        /// A string, with the index of its opening quote.
        case string(String.Index)
        /// The code of a `${…}`, with the `{` opened in it and not closed yet.
        case code(braces: Int)
    }

    /// Innermost last; empty at the line's own level.
    private var levels: [Level] = []
    private var escaping = false
    private var afterDollar = false
    private var inComment = false
    /// The character before, at the line's own level: a `#` after a word character is part of the word.
    private var previous: Character?

    /// Whether the last character read was the line's own code: outside every string and comment. A quote that
    /// opens or closes a top-level string counts as inside it, a `#` that starts a comment as inside that.
    private(set) var isLineCode = true

    /// Whether the text read so far ends inside a string (or the code of a `${…}` in one).
    var endsInString: Bool { !levels.isEmpty }

    /// The opening quote of the innermost string still open, if any.
    var openQuote: String.Index? {
        for level in levels.reversed() {
            if case .string(let quote) = level { return quote }
        }
        return nil
    }

    /// Whether the text read so far ends inside the code of a `${…}`.
    var endsInCode: Bool {
        if case .code? = levels.last { true } else { false }
    }

    /// Reads the character at `index`.
    mutating func read(_ character: Character, at index: String.Index) {
        if inComment {
            inComment = character != "\n"
            isLineCode = !inComment
            previous = character
            return
        }
        let wasOutside = levels.isEmpty
        defer { isLineCode = wasOutside && levels.isEmpty && !inComment }
        if escaping {
            escaping = false
            return
        }
        let dollar = afterDollar
        afterDollar = false
        switch levels.last {
        case .string?:
            switch character {
            case "\\": escaping = true
            case "\"": levels.removeLast()
            case "$": afterDollar = true
            case "{" where dollar: levels.append(.code(braces: 0))
            default: break
            }
        case .code(let braces)?:
            switch character {
            case "\"": levels.append(.string(index))
            case "{": levels[levels.count - 1] = .code(braces: braces + 1)
            case "}" where braces > 0: levels[levels.count - 1] = .code(braces: braces - 1)
            case "}": levels.removeLast()
            default: break
            }
        case nil:
            if character == "\"" {
                levels.append(.string(index))
            } else if character == "#", !(previous.map(Self.isWordCharacter) ?? false) {
                inComment = true
            }
            previous = character
        }
    }

    /// `[A-Za-z0-9_.:#-]`: a `#` after one of these is part of the word, not a comment.
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || "_.:-#".contains(character)
    }

    /// The reading of the whole of `text`.
    static func reading(_ text: String) -> StringNesting {
        var nesting = StringNesting()
        for index in text.indices { nesting.read(text[index], at: index) }
        return nesting
    }
}
