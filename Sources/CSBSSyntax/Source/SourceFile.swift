/// A named piece of script text: a file, a `-c` argument, a REPL line.
public struct SourceFile: Sendable {
    /// The name shown in diagnostics, such as `deploy.csbs` or `<stdin>`.
    public let name: String
    /// The full source text.
    public let text: String

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
