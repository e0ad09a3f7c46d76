/// Lays out a run of a statement's tokens that holds no block: the spacing between tokens, the comments and line
/// breaks written inside it, and the wrapping of a long list or record one element a line.
struct SegmentRenderer {
    let bytes: [UInt8]
    let tokens: [Token]
    let options: FormatOptions
    /// Ranges whose `=` touches its neighbours (`tag env=prod`).
    let tightRanges: [SourceRange]
    /// The indentation level of the statement's first line.
    let indent: Int

    /// The segment's lines: the first continues the line it starts on (at `column`), the others are whole lines
    /// with their indentation. Breaks written in the source (inside brackets, after a `\`) and comments stay where
    /// they are; a segment written on one line that does not fit gets its outermost lists and records wrapped,
    /// one element a line, then the inner ones that still do not fit.
    func lines(_ indexes: Range<Int>, column: Int) -> [String] {
        var breaks: Set<Int> = []
        var lines = render(indexes, breaks: breaks)
        guard !hasWrittenBreaks(indexes) else { return lines }
        let groups = wrappableGroups(indexes)
        var progress = 0
        while progress < groups.count {
            progress += 1
            guard let long = lines.indices.first(where: { width(of: lines, at: $0, column: column) > options.lineWidth })
            else { break }
            // The outermost group not yet wrapped that opens on the long line.
            let onLine = lineIndexes(indexes, breaks: breaks)
            guard
                let group = groups.lazy.map(\.group)
                    .first(where: { !breaks.contains($0.open + 1) && onLine[$0.open] == long })
            else { break }
            breaks.insert(group.open + 1)
            for comma in group.commas where comma + 1 < group.close { breaks.insert(comma + 1) }
            breaks.insert(group.close)
            lines = render(indexes, breaks: breaks)
        }
        return lines
    }

    // MARK: Rendering

    /// The lines of the segment with line breaks before the tokens in `breaks` and where the source has them.
    func render(_ indexes: Range<Int>, breaks: Set<Int>) -> [String] {
        var lines: [String] = []
        var line = ""
        var depth = 0
        var continued = false
        var pendingIndent = false
        func startLine(closing: Bool) {
            guard pendingIndent else { return }
            let level = indent + max(depth - (closing ? 1 : 0), 0) + (continued ? 1 : 0)
            line = String(repeating: " ", count: level * options.indentWidth)
            pendingIndent = false
        }
        func endLine() {
            lines.append(line)
            line = ""
            pendingIndent = true
        }
        for index in indexes {
            let token = tokens[index]
            if index > indexes.lowerBound {
                let previous = tokens[index - 1]
                let pieces = FormatTrivia.pieces(
                    in: bytes, from: previous.range.upperBound, to: token.range.lowerBound
                )
                if pieces.breaksLine {
                    for piece in pieces {
                        switch piece {
                        case .backslash:
                            line += " \\"
                            continued = true
                        case .comment(let text):
                            startLine(closing: false)
                            line += (line.allSatisfy { $0 == " " } ? "" : " ") + text
                        case .lineBreak:
                            if !pendingIndent { endLine() }
                        case .semicolon:
                            break
                        }
                    }
                } else if breaks.contains(index) {
                    endLine()
                } else {
                    line += separator(previous, token, inBrackets: depth > 0)
                }
            }
            startLine(closing: Self.isCloser(token))
            line += String(decoding: bytes[token.range.lowerBound..<token.range.upperBound], as: UTF8.self)
            if Self.isOpener(token) { depth += 1 }
            if Self.isCloser(token) { depth -= 1 }
        }
        lines.append(line)
        return lines
    }

    /// The text between two tokens on one line. Commas are spaced as in lists only inside brackets: elsewhere
    /// (`every mo,we`) they keep their spacing.
    func separator(_ previous: Token, _ next: Token, inBrackets: Bool) -> String {
        if Self.isOpener(previous) || Self.isCloser(next) { return "" }
        if inBrackets, next.kind == .punctuation(.comma) { return "" }
        if inBrackets, previous.kind == .punctuation(.comma) { return " " }
        if previous.kind == .punctuation(.assign) || next.kind == .punctuation(.assign) {
            let tight = tightRanges.contains { $0.lowerBound <= previous.range.lowerBound && next.range.upperBound <= $0.upperBound }
            return tight ? "" : " "
        }
        if Self.isComparison(previous) || Self.isComparison(next) { return " " }
        // Elsewhere touching tokens stay touching (`$x[0]`, `$b.id`, `1..30`) and separated ones get one space.
        return previous.range.upperBound == next.range.lowerBound ? "" : " "
    }

    // MARK: Wrapping

    /// A bracketed list or record with at least one comma at its top level: its opener, commas and closer.
    struct Group {
        var open: Int
        var commas: [Int]
        var close: Int
    }

    /// The groups that may be wrapped, outermost first (then in source order).
    func wrappableGroups(_ indexes: Range<Int>) -> [(depth: Int, group: Group)] {
        var open: [(index: Int, commas: [Int])] = []
        var found: [(depth: Int, group: Group)] = []
        for index in indexes {
            let token = tokens[index]
            if Self.isOpener(token) {
                open.append((index, []))
            } else if Self.isCloser(token), let last = open.popLast() {
                let wrappable = tokens[last.index].kind != .punctuation(.leftParen) && !last.commas.isEmpty
                if wrappable { found.append((open.count, Group(open: last.index, commas: last.commas, close: index))) }
            } else if token.kind == .punctuation(.comma), !open.isEmpty {
                open[open.count - 1].commas.append(index)
            }
        }
        return found.sorted { ($0.depth, $0.group.open) < ($1.depth, $1.group.open) }
    }

    /// Whether the source breaks a line (or has a comment) between two tokens of the segment.
    func hasWrittenBreaks(_ indexes: Range<Int>) -> Bool {
        indexes.dropFirst().contains { index in
            FormatTrivia.pieces(in: bytes, from: tokens[index - 1].range.upperBound, to: tokens[index].range.lowerBound)
                .breaksLine
        }
    }

    /// For each token of a segment without written breaks, the line it lands on.
    func lineIndexes(_ indexes: Range<Int>, breaks: Set<Int>) -> [Int: Int] {
        var line = 0
        var result: [Int: Int] = [:]
        for index in indexes {
            if breaks.contains(index) { line += 1 }
            result[index] = line
        }
        return result
    }

    func width(of lines: [String], at index: Int, column: Int) -> Int {
        lines[index].count + (index == 0 ? column : 0)
    }

    // MARK: Token classes

    static func isOpener(_ token: Token) -> Bool {
        switch token.kind {
        case .punctuation(.leftParen), .punctuation(.leftBracket), .punctuation(.leftBrace): true
        default: false
        }
    }

    static func isCloser(_ token: Token) -> Bool {
        switch token.kind {
        case .punctuation(.rightParen), .punctuation(.rightBracket), .punctuation(.rightBrace): true
        default: false
        }
    }

    static func isComparison(_ token: Token) -> Bool {
        guard case .punctuation(let punctuation) = token.kind else { return false }
        return punctuation.binaryOperator != nil
    }
}
