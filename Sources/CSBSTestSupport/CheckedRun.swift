import CSBSScript
import CSBSSyntax

/// A script given to a test did not pass the check (a mistake in the test, not a behaviour under test).
public struct UncheckedScript: Error, CustomStringConvertible {
    public let diagnostics: [FileDiagnostic]

    public init(diagnostics: [FileDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        "the script does not check: " + diagnostics.map { "\($0.file.name): \($0.diagnostic.message)" }
            .joined(separator: "; ")
    }
}

extension Interpreter {
    /// Checks `file` as the shell does (names declared by this interpreter's earlier runs count; `source` read with
    /// its loader) and runs it.
    /// - Throws: ``UncheckedScript`` when the check finds an error; nothing runs then.
    public mutating func checkAndRun(_ file: SourceFile) async throws -> Result<Void, RuntimeFailure> {
        await run(try checked(file))
    }

    /// `file` checked as this session would check it.
    /// - Throws: ``UncheckedScript`` when the check finds an error.
    public func checked(_ file: SourceFile) throws -> CheckedProgram {
        let result = Checker.check(file, options: checkOptions)
        guard let program = result.program else { throw UncheckedScript(diagnostics: result.diagnostics) }
        return program
    }
}
