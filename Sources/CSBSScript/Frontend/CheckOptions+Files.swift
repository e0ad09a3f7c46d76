import CSBSClient
import CSBSSyntax

extension CheckOptions {
    /// What every front end checks with unless told otherwise: `source` read from files (relative to the including
    /// script), regions from the client's region table and the built-in functions of ``BuiltinFunctions``.
    /// - Parameters:
    ///   - predeclared: names already defined (earlier shell lines, the scope a `source` runs in).
    ///   - loader: reads sourced scripts.
    ///   - procedures: procedures defined before (the shell's earlier input).
    public static func standard(
        predeclared: Set<String> = [], loader: @escaping Interpreter.SourceLoader = FileScriptLoader.load,
        procedures: [FunctionSignature] = []
    ) -> CheckOptions {
        CheckOptions(
            predeclared: predeclared, loader: { path, including in loader(path, including) },
            knownRegions: RegionTable.knownRegions, functions: BuiltinFunctions.signatures, procedures: procedures
        )
    }
}
