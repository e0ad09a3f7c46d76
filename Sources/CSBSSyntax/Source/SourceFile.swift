import Synchronization

/// A named piece of script text: a file, a `-c` argument, a REPL line.
public struct SourceFile: Sendable {
    /// The name shown in diagnostics, such as `deploy.csbs` or `<stdin>`.
    public let name: String
    /// The full source text.
    public let text: String
    /// Where each line of ``text`` starts and ends, built on first use (a file without diagnostics never needs
    /// it: 2 % of `csbs check` on a 100,000-line script) and then kept, so that rendering many diagnostics of a
    /// long file does not scan it again for each.
    var lines: LineTable { lineTable.value }
    private let lineTable: LazyLineTable
    /// Where ``text`` holds U+FFFD for an invalid UTF-8 sequence of the file as read, in text order, so that
    /// columns count the file's own bytes (``SourceLocationConverter/init(_:)-(SourceFile)``).
    var replacedSequences: [ReplacedSequence] = []

    /// An invalid UTF-8 sequence of `originalLength` bytes shown as U+FFFD (3 bytes) at `textOffset`.
    struct ReplacedSequence: Sendable {
        let textOffset: Int
        let originalLength: Int
    }

    /// Creates a source file.
    ///
    /// - Parameters:
    ///   - name: The name shown in diagnostics.
    ///   - text: The full source text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lineTable = LazyLineTable(text)
    }
}

/// A text's ``LineTable``, built by the first caller that needs it and shared by the copies of its ``SourceFile``.
final class LazyLineTable: Sendable {
    private let text: String
    private let table = Mutex<LineTable?>(nil)

    init(_ text: String) {
        self.text = text
    }

    var value: LineTable {
        table.withLock { table in
            if let table { return table }
            let built = LineTable(text)
            table = built
            return built
        }
    }
}

/// The 0-based UTF-8 offsets where each line of a text starts and ends (before its terminator). A line ends at
/// `\n`, `\r\n` or a lone `\r`; the text after the last terminator is a line of its own.
struct LineTable: Sendable {
    let starts: [Int]
    let ends: [Int]
    let byteCount: Int

    init(_ text: String) {
        var starts = [0]
        var ends: [Int] = []
        let count = text.utf8.withContiguousStorageIfAvailable { bytes in
            Self.scan(bytes, starts: &starts, ends: &ends)
        } ?? Array(text.utf8).withUnsafeBufferPointer { Self.scan($0, starts: &starts, ends: &ends) }
        ends.append(count)
        self.starts = starts
        self.ends = ends
        self.byteCount = count
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, starts: inout [Int], ends: inout [Int]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                ends.append(index)
                let isCRLF = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                index += isCRLF ? 2 : 1
                starts.append(index)
            } else {
                index += 1
            }
        }
        return bytes.count
    }
}
