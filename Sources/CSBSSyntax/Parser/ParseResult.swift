/// What ``Parser/parse(_:)`` returns: the statements that parsed and every problem found.
public struct ParseResult: Sendable {
    /// The statements that parsed, in source order; statements with errors are left out.
    public let script: Script
    /// Every lexer and parser diagnostic, ordered by position.
    public let diagnostics: [Diagnostic]

    public init(script: Script, diagnostics: [Diagnostic]) {
        self.script = script
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error, in which case the script must not run.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
