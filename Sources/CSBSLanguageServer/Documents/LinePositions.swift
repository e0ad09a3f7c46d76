import CSBSPlatform
import CSBSSyntax

/// Converts between the syntax tree's 0-based UTF-8 offsets and the protocol's positions (0-based line, and a
/// character counted in UTF-16 code units, the protocol's default encoding).
public struct LinePositions: Sendable {
    private let bytes: [UInt8]
    /// The offset each line starts at.
    private let lineStarts: [Int]

    public init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The position of a UTF-8 offset (clamped to the text).
    public func position(of offset: Int) -> (line: Int, character: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        let prefix = String(decoding: bytes[lineStarts[low]..<clamped], as: UTF8.self)
        return (low, prefix.utf16.count)
    }

    /// The UTF-8 offset of a position (clamped to its line, and to the text).
    public func offset(line: Int, character: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let start = lineStarts[line]
        let end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var units = 0
        var offset = start
        for scalar in text.unicodeScalars {
            if units >= character { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return offset
    }

    /// A range as the protocol's `{start, end}` object.
    public func range(_ range: SourceRange) -> JSONValue {
        let start = position(of: range.lowerBound)
        let end = position(of: range.upperBound)
        return [
            "start": ["line": .integer(start.line), "character": .integer(start.character)],
            "end": ["line": .integer(end.line), "character": .integer(end.character)],
        ]
    }
}
