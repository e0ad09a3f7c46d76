/// How ``ScriptFormatter`` lays scripts out.
public struct FormatOptions: Sendable, Hashable {
    /// Spaces per block level.
    public var indentWidth: Int
    /// The width past which a list or record written on one line is wrapped, one element a line.
    public var lineWidth: Int

    public init(indentWidth: Int = 4, lineWidth: Int = 100) {
        self.indentWidth = indentWidth
        self.lineWidth = lineWidth
    }
}

/// What ``ScriptFormatter/format(_:options:)`` made of a file.
public enum FormatOutcome: Sendable {
    /// The file in canonical layout (equal to the input when it already was).
    case formatted(String)
    /// The file has syntax errors (all of them, as ``Parser/parse(_:)`` reports them); it is not formatted.
    case syntaxErrors([Diagnostic])
    /// The layout would not parse to the same tree; a bug in the formatter, so the file is left as it is.
    case refused
}

/// `csbs fmt`: one canonical layout for scripts, which the language server can reuse.
///
/// The layout: one statement a line; blocks indented by ``FormatOptions/indentWidth`` with `{` on the line of
/// their statement, `}` on its own line (a block of one statement written on one line stays on it when it fits),
/// `} else {` on one line; one space between tokens, none inside brackets or before a comma, one around `=` and
/// the comparisons (`tag K=V` stays tight), touching tokens stay touching (`$x[0]`, `1..30`); at most one empty
/// line in a row and none at the start or end of a block or file; a line break written inside brackets or after a
/// `\` is kept (the lines after it indented one level per open bracket, or one for a `\`); a list or record on
/// one line that does not fit ``FormatOptions/lineWidth`` is wrapped one element a line. Every comment stays where
/// it was: on its own line, or after the code of its line.
///
/// The result is checked: it must parse to the same tree as the input (ranges aside), or the outcome is
/// ``FormatOutcome/refused``.
public enum ScriptFormatter {
    /// Formats `file`.
    ///
    /// - Parameters:
    ///   - file: The script.
    ///   - options: The indentation and width.
    /// - Returns: The formatted text, or why there is none.
    public static func format(_ file: SourceFile, options: FormatOptions = FormatOptions()) -> FormatOutcome {
        let parsed = Parser.parse(file)
        guard !parsed.hasErrors else { return .syntaxErrors(parsed.diagnostics) }
        let bytes = Array(file.text.utf8)
        let tokens = Lexer.tokenize(file.text).filter { token in
            switch token.kind {
            case .newline, .semicolon, .endOfFile: false
            default: true
            }
        }
        var printer = FormatPrinter(bytes: bytes, tokens: tokens, options: options)
        guard let text = printer.print(parsed.script) else { return .refused }
        let output = SourceFile(name: file.name, text: text)
        let reparsed = Parser.parse(output)
        guard !reparsed.hasErrors,
            reparsed.script.debugDump(output, ranges: false) == parsed.script.debugDump(file, ranges: false)
        else { return .refused }
        return .formatted(text)
    }
}

/// Writes the formatted lines of a script, statement by statement, with the comments between them.
struct FormatPrinter {
    let bytes: [UInt8]
    /// The tokens other than line breaks, `;` and the end of the text.
    let tokens: [Token]
    let options: FormatOptions
    var lines: [String] = []
    /// The line being written, indentation included.
    var current = ""
    /// Whether ``current`` holds something (a statement's last line, a `{`).
    var lineOpen = false
    /// Set when a token lies outside every statement, which only a parser change can cause.
    var lostToken = false

    init(bytes: [UInt8], tokens: [Token], options: FormatOptions) {
        self.bytes = bytes
        self.tokens = tokens
        self.options = options
    }

    /// The whole formatted text, or `nil` when a token would be lost.
    mutating func print(_ script: Script) -> String? {
        var next = 0
        for statement in script.statements {
            let indexes = tokenIndexes(of: statement)
            if indexes.lowerBound != next { return nil }
            next = indexes.upperBound
        }
        if next != tokens.count { return nil }
        printStatements(script.statements, from: 0, to: bytes.count, indent: 0)
        if lostToken { return nil }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    // MARK: Statements and the comments between them

    /// Prints `statements`, which lie in `bytes[start..<end]` (a file, or a block between its braces), with the
    /// comments and empty lines around them; ends with the line closed.
    mutating func printStatements(_ statements: [Stmt], from start: Int, to end: Int, indent: Int) {
        var cursor = start
        var printedAny = false
        for statement in statements {
            printGap(from: cursor, to: statement.range.lowerBound, indent: indent, printedAny: &printedAny)
            if lineOpen { closeLine() }
            current = String(repeating: " ", count: indent * options.indentWidth)
            printStatement(statement, indent: indent)
            lineOpen = true
            printedAny = true
            cursor = endOffset(of: statement)
        }
        printGap(from: cursor, to: end, indent: indent, printedAny: &printedAny, atEnd: true)
        if lineOpen { closeLine() }
    }

    /// Prints the comments of `bytes[start..<end]`: one on the line of the code before it stays there, the others
    /// get lines of their own; an empty line (or more) before a comment or statement becomes one, except at the
    /// start or the end.
    mutating func printGap(from start: Int, to end: Int, indent: Int, printedAny: inout Bool, atEnd: Bool = false) {
        var breaks = 0
        for piece in FormatTrivia.pieces(in: bytes, from: start, to: end) {
            switch piece {
            case .comment(let text):
                if lineOpen, breaks == 0 {
                    current += " " + text
                    continue
                }
                if lineOpen { closeLine() }
                if breaks >= 2, printedAny { lines.append("") }
                current = String(repeating: " ", count: indent * options.indentWidth) + text
                lineOpen = true
                printedAny = true
                breaks = 0
            case .lineBreak:
                breaks += 1
            case .backslash, .semicolon:
                break  // a `\` before an empty line joins nothing; statements get lines of their own anyway
            }
        }
        if lineOpen, breaks > 0 || !atEnd { closeLine() }
        if !atEnd, breaks >= 2, printedAny { lines.append("") }
    }

    mutating func closeLine() {
        while current.last == " " { current.removeLast() }
        lines.append(current)
        current = ""
        lineOpen = false
    }

    // MARK: One statement

    /// Appends `statement` to ``current``: its segments of tokens and its blocks.
    mutating func printStatement(_ statement: Stmt, indent: Int) {
        let layout = statement.formatLayout
        let renderer = SegmentRenderer(
            bytes: bytes, tokens: tokens, options: options, tightRanges: layout.tightRanges, indent: indent
        )
        let indexes = tokenIndexes(of: statement)
        var segmentStart = indexes.lowerBound
        var afterBlock: Int?
        for block in layout.blocks {
            let open = tokenIndexes(in: SourceRange(block.range.lowerBound, block.range.lowerBound + 1)).lowerBound
            guard open < indexes.upperBound, open >= segmentStart else {
                lostToken = true
                return
            }
            printSegment(segmentStart..<open, after: afterBlock, renderer: renderer)
            printBlock(block, after: open > segmentStart ? open - 1 : afterBlock, indent: indent)
            afterBlock = tokenIndexes(in: block.range).upperBound - 1
            segmentStart = afterBlock! + 1
        }
        printSegment(segmentStart..<indexes.upperBound, after: afterBlock, renderer: renderer)
    }

    /// Appends the tokens `indexes`; `after` is the token before them (a block's `}`) if they follow one.
    mutating func printSegment(_ indexes: Range<Int>, after previous: Int?, renderer: SegmentRenderer) {
        guard !indexes.isEmpty else { return }
        if let previous {
            separate(from: previous, to: indexes.lowerBound, indent: renderer.indent)
        }
        let lines = renderer.lines(indexes, column: current.count)
        current += lines[0]
        for line in lines.dropFirst() {
            closeLine()
            current = line
        }
    }

    /// Writes what comes between token `previous` and token `next` around a block's brace: the comments and
    /// `\` breaks written there, or one space.
    mutating func separate(from previous: Int, to next: Int, indent: Int) {
        let pieces = FormatTrivia.pieces(
            in: bytes, from: tokens[previous].range.upperBound, to: tokens[next].range.lowerBound
        )
        guard pieces.breaksLine else {
            current += " "
            return
        }
        for piece in pieces {
            switch piece {
            case .backslash: current += " \\"
            case .comment(let text): current += " " + text
            case .lineBreak:
                closeLine()
                current = String(repeating: " ", count: (indent + 1) * options.indentWidth)
            case .semicolon: break
            }
        }
    }

    /// Appends a block: `{`, its statements one a line indented one level deeper, and `}` on a line of its own;
    /// or `{ statement }` when it was written on one line, holds one statement without blocks or comments, and fits.
    mutating func printBlock(_ block: Block, after previous: Int?, indent: Int) {
        let open = tokenIndexes(in: SourceRange(block.range.lowerBound, block.range.lowerBound + 1)).lowerBound
        if let previous { separate(from: previous, to: open, indent: indent) }
        let inner = SourceRange(block.range.lowerBound + 1, block.range.upperBound - 1)
        if let line = oneLine(block, inner: inner, indent: indent),
            current.count + line.count + 4 <= options.lineWidth
        {
            current += "{ " + line + " }"
            return
        }
        let hasComment = FormatTrivia.pieces(in: bytes, from: inner.lowerBound, to: inner.upperBound).hasComment
        if block.statements.isEmpty, !hasComment {
            current += "{}"
            return
        }
        current += "{"
        lineOpen = true
        printStatements(block.statements, from: inner.lowerBound, to: inner.upperBound, indent: indent + 1)
        current = String(repeating: " ", count: indent * options.indentWidth) + "}"
    }

    /// The block's one statement on one line, if the block may stay on one line.
    func oneLine(_ block: Block, inner: SourceRange, indent: Int) -> String? {
        guard block.statements.count == 1, let statement = block.statements.first,
            statement.formatLayout.blocks.isEmpty,
            !bytes[inner.lowerBound..<inner.upperBound].contains(where: Lexer.isLineBreak),
            !FormatTrivia.pieces(in: bytes, from: inner.lowerBound, to: statement.range.lowerBound).breaksLine,
            !FormatTrivia.pieces(in: bytes, from: endOffset(of: statement), to: inner.upperBound).breaksLine
        else { return nil }
        var printer = FormatPrinter(bytes: bytes, tokens: tokens, options: options)
        printer.printStatement(statement, indent: indent + 1)
        guard printer.lines.isEmpty, !printer.lostToken else { return nil }
        return printer.current
    }

    // MARK: Tokens

    /// The indexes of a statement's tokens: those in its range (a value in parentheses covers them).
    func tokenIndexes(of statement: Stmt) -> Range<Int> {
        tokenIndexes(in: statement.range)
    }

    /// The offset just past a statement's last token.
    func endOffset(of statement: Stmt) -> Int {
        let indexes = tokenIndexes(of: statement)
        return indexes.isEmpty ? statement.range.upperBound : max(tokens[indexes.upperBound - 1].range.upperBound, statement.range.upperBound)
    }

    /// The indexes of the tokens that lie in `range`.
    func tokenIndexes(in range: SourceRange) -> Range<Int> {
        firstToken(atOrAfter: range.lowerBound)..<firstToken(atOrAfter: range.upperBound)
    }

    /// The index of the first token starting at or after `offset` (binary search).
    func firstToken(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].range.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
