/// A position in source text, computed from a UTF-8 offset by ``SourceLocationConverter``.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, counted in UTF-8 bytes from the start of the line.
    public let column: Int
    /// The 0-based UTF-8 offset from the start of the text.
    public let offset: Int

    /// Creates a location.
    ///
    /// - Parameters:
    ///   - line: The 1-based line number.
    ///   - column: The 1-based column in UTF-8 bytes.
    ///   - offset: The 0-based UTF-8 offset from the start of the text.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`, both 1-based.
    public var description: String { "\(line):\(column)" }
}
