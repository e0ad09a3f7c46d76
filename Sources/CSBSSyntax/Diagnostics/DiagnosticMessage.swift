/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable {
    /// The script cannot run.
    case error
    /// The script can run, but something looks wrong.
    case warning
    /// Extra information attached to another diagnostic.
    case note
}

/// The text, stable ID and severity of a diagnostic, independent of where it occurs.
public protocol DiagnosticMessage: Sendable {
    /// The human-readable message, without location or ID.
    var message: String { get }
    /// The stable ID that tests and tools match on.
    var id: MessageID { get }
    /// How serious the message is.
    var severity: DiagnosticSeverity { get }
}

/// A message made up at run time, for example the evaluator's `runtime.apiError`.
public struct SimpleDiagnosticMessage: DiagnosticMessage {
    public let id: MessageID
    public let message: String
    public let severity: DiagnosticSeverity

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - id: The stable ID.
    ///   - message: The human-readable text.
    ///   - severity: How serious the message is; `.error` unless told.
    public init(id: MessageID, message: String, severity: DiagnosticSeverity = .error) {
        self.id = id
        self.message = message
        self.severity = severity
    }
}
