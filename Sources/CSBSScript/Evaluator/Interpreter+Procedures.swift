import CSBSSyntax

/// A procedure a `def` defined, with the file its body is in (for locations and relative `source` paths).
struct Procedure: Sendable {
    let definition: DefStmt
    let file: SourceFile
}

/// `return` on its way from the statement to the procedure call that runs it (``Interpreter/callProcedure(_:_:at:)``).
/// The check makes sure a procedure is there and no `for … parallel` item is in between.
struct ReturnSignal: Error, Sendable {
    let value: Value
}

extension Interpreter {
    /// The signatures of the procedures defined so far, for checking later input (the shell's next line).
    public var procedureSignatures: [FunctionSignature] {
        procedures.values.map(\.definition.signature).sorted { $0.name < $1.name }
    }

    /// Defines the procedures of a file before its first statement runs, as the check declared them.
    mutating func defineProcedures(of script: Script, in file: SourceFile) {
        for definition in script.procedures {
            procedures[definition.name] = Procedure(definition: definition, file: file)
        }
    }

    /// Runs a procedure's body with its parameters bound to `arguments` and gives what `return` gave (`null` when
    /// the body ends without one). The body sees the top-level variables (and may `set` them, outside a parallel
    /// item), its parameters and its own variables; the caller's block variables are out of sight. Calls nest at
    /// most ``DefStmt/maximumCallDepth`` deep.
    mutating func callProcedure(_ procedure: Procedure, _ arguments: [Value], at range: SourceRange) async throws -> Value {
        let definition = procedure.definition
        guard callDepth < DefStmt.maximumCallDepth else {
            throw RuntimeFailure.command(RuntimeMessages.recursionLimit(definition.name, DefStmt.maximumCallDepth), at: range)
        }
        var frame: [String: Value] = [:]
        for (parameter, value) in zip(definition.parameters, arguments) { frame[parameter.name] = value }
        let callerScopes = scopes
        let callerFanOut = fanOut
        scopes = [scopes[0], frame]
        // Inside a parallel item the top level stays read-only; the procedure's own variables are its to change.
        fanOut = fanOut.map { FanOut(poller: $0.poller, barrier: 1) }
        callDepth += 1
        defer {
            callDepth -= 1
            var restored = callerScopes
            restored[0] = scopes[0]
            scopes = restored
            fanOut = callerFanOut
        }
        do {
            try await execute(definition.body.statements, in: procedure.file)
            return .null
        } catch let signal as ReturnSignal {
            return signal.value
        }
    }
}
