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
    ///
    /// Gathered into a set only when asked for (a check asks only for a file with errors): hashing every name of a
    /// long script was 1 % of `csbs check`.
    public var declaredNames: Set<String> { Set(declaredNameList) }
    /// The names of ``declaredNames`` in source order, repeats included.
    let declaredNameList: [String]
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
        self.declaredNameList = Array(declaredNames)
        self.declaredProcedures = declaredProcedures
    }

    /// A result with the declared names in source order (``declaredNameList``).
    init(
        script: Script, diagnostics: [Diagnostic], omittedDiagnostics: Int, declaredNameList: [String],
        declaredProcedures: Set<String>
    ) {
        self.script = script
        self.diagnostics = diagnostics
        self.omittedDiagnostics = omittedDiagnostics
        self.declaredNameList = declaredNameList
        self.declaredProcedures = declaredProcedures
    }

    /// Whether any diagnostic is an error, in which case the script must not run.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
