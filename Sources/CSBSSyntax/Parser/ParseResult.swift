/// What ``Parser/parse(_:)`` returns: the statements that parsed and every problem found.
public struct ParseResult: Sendable {
    /// The statements that parsed, in source order; statements with errors are left out.
    public let script: Script
    /// The lexer and parser diagnostics, ordered by position: the first ``DiagnosticLimit/perFile``.
    public let diagnostics: [Diagnostic]
    /// How many more diagnostics were found than ``diagnostics`` keeps (``DiagnosticLimit/perFile``).
    public let omittedDiagnostics: Int
    /// Every name a `let`, `set` or `for` declares, including in statements left out for their errors; a check
    /// counts them as declared when it resolves a file that has errors, so a left-out `let x = …` does not add an
    /// error at each later `$x`.
    public let declaredNames: Set<String>
    /// Every name a `def` defines, including in statements left out for their errors; a check of a file with
    /// errors accepts calls of them with any number of arguments, so a left-out `def` adds no error at its calls.
    public let declaredProcedures: Set<String>

    public init(
        script: Script, diagnostics: [Diagnostic], omittedDiagnostics: Int = 0, declaredNames: Set<String> = [],
        declaredProcedures: Set<String> = []
    ) {
        self.script = script
        self.diagnostics = diagnostics
        self.omittedDiagnostics = omittedDiagnostics
        self.declaredNames = declaredNames
        self.declaredProcedures = declaredProcedures
    }

    /// Whether any diagnostic is an error, in which case the script must not run.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
