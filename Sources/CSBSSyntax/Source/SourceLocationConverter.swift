/// Turns 0-based UTF-8 offsets into 1-based line and column numbers using a line table. Columns count bytes:
/// of the file as read when made from a ``SourceFile``, of the text otherwise.
///
/// A line ends at `\n`, `\r\n` or a lone `\r`; the terminator belongs to the line it ends. The text after the
/// last terminator is a line of its own (possibly empty), so `"a\n"` has two lines.
public struct SourceLocationConverter: Sendable {
    private let text: String
    /// The text's length in UTF-8 bytes.
    private let byteCount: Int
    /// The 0-based offset of the first byte of each line.
    private let lineStarts: [Int]
    /// The 0-based offset one past the last content byte of each line (before its terminator).
    private let lineEnds: [Int]
    /// The U+FFFD the text holds for invalid bytes of the file, for byte-true columns.
    private let replacedSequences: [SourceFile.ReplacedSequence]

    /// The converter for `file`, from the line table it holds, whose columns count the bytes of the file as it
    /// was read: an invalid byte counts one, although the text holds U+FFFD (three bytes) for it.
    public init(_ file: SourceFile) {
        text = file.text
        byteCount = file.lines.byteCount
        lineStarts = file.lines.starts
        lineEnds = file.lines.ends
        replacedSequences = file.replacedSequences
    }

    /// Builds the line table for `text`.
    public init(_ text: String) {
        self.init(SourceFile(name: "", text: text))
    }

    /// The number of lines, at least 1.
    public var lineCount: Int { lineStarts.count }

    /// The location of a 0-based UTF-8 offset.
    ///
    /// - Parameter offset: A 0-based UTF-8 offset; values outside the text are clamped to its start or end.
    /// - Returns: The location with a 1-based line, a 1-based UTF-8 column and the clamped offset.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), byteCount)
        let index = lineIndex(containing: clamped)
        var column = clamped - lineStarts[index] + 1
        if !replacedSequences.isEmpty {
            // Each U+FFFD before the offset on this line stands for fewer bytes of the file than its three.
            let replacement = 3
            var lower = 0
            var upper = replacedSequences.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if replacedSequences[middle].textOffset < lineStarts[index] { lower = middle + 1 } else { upper = middle }
            }
            for sequence in replacedSequences[lower...] {
                guard sequence.textOffset + replacement <= clamped else { break }
                column -= replacement - sequence.originalLength
            }
        }
        return SourceLocation(line: index + 1, column: column, offset: clamped)
    }

    /// The text of a line without its terminator.
    ///
    /// - Parameter line: A 1-based line number.
    /// - Returns: The line's text, or an empty string if there is no such line.
    public func lineText(_ line: Int) -> String {
        guard let range = lineRange(line) else { return "" }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.length)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// The UTF-8 offsets a line's content occupies, without its terminator.
    ///
    /// - Parameter line: A 1-based line number.
    /// - Returns: The range, or `nil` if there is no such line.
    public func lineRange(_ line: Int) -> SourceRange? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        return SourceRange(lineStarts[line - 1], lineEnds[line - 1])
    }

    /// The 0-based index of the last line that starts at or before `offset`.
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }
}
