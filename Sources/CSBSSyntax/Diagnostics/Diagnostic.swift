/// A message attached to a range of source text, with optional notes pointing elsewhere.
public struct Diagnostic: Sendable {
    /// Extra information attached to a diagnostic, with its own location.
    public struct Note: Sendable {
        /// The note's text and ID; its severity is normally `.note`.
        public let message: any DiagnosticMessage
        /// The 0-based UTF-8 range the note points at.
        public let range: SourceRange

        /// Creates a note.
        ///
        /// - Parameters:
        ///   - message: The note's message.
        ///   - range: The 0-based UTF-8 range it points at.
        public init(_ message: any DiagnosticMessage, range: SourceRange) {
            self.message = message
            self.range = range
        }
    }

    /// What went wrong.
    public let message: any DiagnosticMessage
    /// The 0-based UTF-8 range it happened at; empty where something is missing.
    public let range: SourceRange
    /// Related locations, such as where a duplicated option was first given.
    public var notes: [Note]

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - range: The 0-based UTF-8 range it happened at.
    ///   - notes: Related locations.
    public init(_ message: any DiagnosticMessage, range: SourceRange, notes: [Note] = []) {
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// The message's stable ID.
    public var id: MessageID { message.id }
    /// The message's severity.
    public var severity: DiagnosticSeverity { message.severity }
    /// The message's human-readable text.
    public var text: String { message.message }
}
