/// A named piece of script text: a file, a `-c` argument, a REPL line.
public struct SourceFile: Sendable {
    /// The name shown in diagnostics, such as `deploy.csbs` or `<stdin>`.
    public let name: String
    /// The full source text.
    public let text: String
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
    }
}
