/// Prints diagnostics for people: a `file:line:col: severity: message [id]` header, the source line after a
/// right-aligned `N | ` gutter, and a caret line under the range; then each note the same way.
///
/// ```
/// deploy.csbs:3:16: error: expected the vault size in GB after 'size' [parse.expectedSize]
/// 3 | vault "x" size big
///   |                ^~~
/// ```
///
/// Header columns are 1-based byte columns of the file as written (UTF-8; an invalid byte counts one, although the
/// text shows it as U+FFFD). The caret is placed by character, so multi-byte characters before it do not shift it,
/// tabs are expanded to stops every ``tabWidth`` columns in both lines, and control characters are shown as
/// visible escapes (`\e`, `\u{9b}`) so that no terminal escape sequence in a script reaches the terminal.
public struct DiagnosticRenderer: Sendable {
    /// Whether to add ANSI colour escapes.
    public enum ColorMode: Sendable {
        case on
        case off
    }

    /// The distance between tab stops when expanding tabs.
    public static let tabWidth = 4

    private let colorMode: ColorMode

    /// Creates a renderer.
    ///
    /// - Parameter colorMode: `.on` adds ANSI colour (bold red `error:`); `.off`, the default, prints plain text.
    public init(colorMode: ColorMode = .off) {
        self.colorMode = colorMode
    }

    /// Renders one diagnostic and its notes.
    ///
    /// - Parameters:
    ///   - diagnostic: The diagnostic to render.
    ///   - file: The file its range points into.
    /// - Returns: The text, every line ending with a newline.
    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        render(diagnostic, converter: SourceLocationConverter(file), fileName: file.name)
    }

    /// Renders diagnostics in the order given.
    ///
    /// - Parameters:
    ///   - diagnostics: The diagnostics to render.
    ///   - file: The file their ranges point into.
    /// - Returns: The concatenated text, every line ending with a newline.
    public func render(_ diagnostics: [Diagnostic], in file: SourceFile) -> String {
        let converter = SourceLocationConverter(file)
        return diagnostics.map { render($0, converter: converter, fileName: file.name) }.joined()
    }

    private func render(_ diagnostic: Diagnostic, converter: SourceLocationConverter, fileName: String) -> String {
        var output = block(diagnostic.message, range: diagnostic.range, converter: converter, fileName: fileName)
        for note in diagnostic.notes {
            output += block(note.message, range: note.range, converter: converter, fileName: fileName)
        }
        return output
    }

    /// The header, source line and caret line for one message.
    private func block(
        _ message: any DiagnosticMessage,
        range: SourceRange,
        converter: SourceLocationConverter,
        fileName: String
    ) -> String {
        let start = converter.location(ofOffset: range.lowerBound)
        let lineText = converter.lineText(start.line)
        let lineRange = converter.lineRange(start.line) ?? .empty(at: start.offset)
        let window = Self.window(
            of: lineText, caretStart: start.offset - lineRange.lowerBound,
            caretEnd: min(max(range.upperBound, start.offset), lineRange.upperBound) - lineRange.lowerBound
        )
        let columns = CaretColumns(
            line: window.text, utf8Start: window.caretStart, utf8End: window.caretEnd, tabWidth: Self.tabWidth
        )

        let severity = message.severity.rawValue + ":"
        let header = style("\(TerminalText.escaped(fileName, limit: nil)):\(start.line):\(start.column):", .bold) + " "
            + style(severity, color(for: message.severity)) + " "
            + style(TerminalText.escaped(message.message), .bold) + " [\(message.id)]"
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count) + " |"
        let source = columns.expandedLine.isEmpty ? "" : " " + columns.expandedLine
        let marker = "^" + String(repeating: "~", count: max(columns.width - 1, 0))
        let caret = " " + String(repeating: " ", count: columns.offset) + style(marker, .green)
        return header + "\n"
            + style(number + " |", .blue) + source + "\n"
            + style(gutter, .blue) + caret + "\n"
    }

    // MARK: Long lines

    /// The most display columns of a source line a diagnostic shows; longer lines are cut to a window around the
    /// caret. Columns as the line is shown: a control character counts its escape (`\u{0}` is six), a tab a full
    /// stop, a wide character two — so a binary file's first "line" is cut too, not only a long one.
    static let maximumLineColumns = 160
    /// How many columns of the line before the caret the window keeps.
    static let contextBeforeCaret = 60

    /// The part of `line` a diagnostic shows: all of it when it fits ``maximumLineColumns``; otherwise a window of
    /// about that many columns around the caret, cut on character boundaries and marked with `…` where text was
    /// left out. Only the characters near the caret are looked at, so the output and the time of many errors on one
    /// long (generated or minified) line are proportional to the number of errors, not to errors × line length.
    /// Offsets are UTF-8 offsets within the line, returned relative to the window's text.
    static func window(of line: String, caretStart: Int, caretEnd: Int) -> (text: String, caretStart: Int, caretEnd: Int) {
        let utf8 = line.utf8
        if utf8.count <= maximumLineColumns, line.reduce(0, { $0 + columns(of: $1) }) <= maximumLineColumns {
            return (line, caretStart, caretEnd)
        }
        var caret = utf8.index(utf8.startIndex, offsetBy: max(0, min(caretStart, utf8.count)))
        while caret > utf8.startIndex, caret.samePosition(in: line) == nil { caret = utf8.index(before: caret) }
        var lower = caret
        var before = 0
        while lower > line.startIndex {
            let previous = line.index(before: lower)
            before += columns(of: line[previous])
            if before > contextBeforeCaret { break }
            lower = previous
        }
        var upper = lower
        var shown = 0
        while upper < line.endIndex {
            shown += columns(of: line[upper])
            if shown > maximumLineColumns, upper > caret { break }
            upper = line.index(after: upper)
        }
        let lowerOffset = utf8.distance(from: utf8.startIndex, to: lower)
        let upperOffset = utf8.distance(from: utf8.startIndex, to: upper)
        let prefix = lowerOffset > 0 ? "…" : ""
        let suffix = upper < line.endIndex ? "…" : ""
        let text = prefix + String(line[lower..<upper]) + suffix
        let shift = prefix.utf8.count - lowerOffset
        return (text, caretStart + shift, min(caretEnd, upperOffset) + shift)
    }

    /// The columns `character` takes on a diagnostic's source line (see ``maximumLineColumns``).
    private static func columns(of character: Character) -> Int {
        if character == "\t" { return tabWidth }
        if let escaped = character.escapedForTerminal { return escaped.count }
        return CaretColumns.displayWidth(of: character)
    }

    // MARK: Colour

    private enum Style: String {
        case bold = "1"
        case red = "1;31"
        case magenta = "1;35"
        case cyan = "1;36"
        case green = "1;32"
        case blue = "1;34"
    }

    private func color(for severity: DiagnosticSeverity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .magenta
        case .note: .cyan
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        switch colorMode {
        case .off: text
        case .on: "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
        }
    }
}
