import CSBSSyntax

extension Interpreter {
    /// `set NAME = …`: changes the nearest enclosing variable of that name.
    mutating func set(_ name: String, to value: Value, at range: SourceRange) throws {
        guard let scope = scopes.lastIndex(where: { $0[name] != nil }) else {
            throw RuntimeFailure.command(ResolveMessage.setUndeclared(name, domain: "runtime"), at: range)
        }
        if let fanOut, scope < fanOut.barrier {
            // The check rejects this too; this covers code it cannot see (a `source` with a computed path).
            throw RuntimeFailure.command(ResolveMessage.setInParallel(name, domain: "runtime"), at: range)
        }
        scopes[scope][name] = value
    }

    /// `for NAME in LIST { … }`: the body runs once per element, in a scope holding NAME; with `parallel N`,
    /// see ``executeParallel(_:clause:elements:in:)``.
    mutating func execute(_ statement: ForStmt, in file: SourceFile) async throws {
        let sequence = try await evaluate(statement.sequence)
        let elements: [Value]
        switch sequence {
        case .list(let list): elements = list
        case .record(let record): elements = record.fields.map { .string($0.name) }  // a record's keys, in order
        default:
            throw RuntimeFailure.typeMismatch(
                "'for' needs a list (or a record, for its keys) to walk through, not \(sequence.typeName)", at: statement.sequence.range
            )
        }
        if let clause = statement.parallel {
            try await executeParallel(statement, clause: clause, elements: elements, in: file)
            return
        }
        for element in elements {
            try Task.checkCancellation()
            if try await executeIteration(statement.body, in: file, bindings: [statement.name: element]) == .break {
                break
            }
        }
    }

    /// `while COND { … }`: runs the body while COND is `true` (anything but a bool is a type error, as for `if`).
    /// One statement runs its body at most ``WhileStmt/maximumIterations`` times; one more is `runtime.loopLimit`,
    /// a safety net against a condition that never turns false.
    mutating func execute(_ statement: WhileStmt, in file: SourceFile) async throws {
        var iterations = 0
        while try await condition(statement.condition) {
            try Task.checkCancellation()
            guard iterations < WhileStmt.maximumIterations else {
                throw RuntimeFailure.command(RuntimeMessages.loopLimit(WhileStmt.maximumIterations), at: statement.range)
            }
            iterations += 1
            if try await executeIteration(statement.body, in: file) == .break { break }
        }
    }

    /// Runs one iteration of a loop's body: `.break` when it ran `break`, `.continue` when it ended normally or
    /// ran `continue`.
    mutating func executeIteration(_ body: Block, in file: SourceFile, bindings: [String: Value] = [:]) async throws
        -> LoopSignal
    {
        do {
            try await execute(body, in: file, bindings: bindings)
            return .continue
        } catch let signal as LoopSignal {
            return signal
        }
    }

    /// `assert COND [MESSAGE]`: a false condition stops the script with the assertion exit status.
    mutating func execute(_ statement: AssertStmt, in file: SourceFile) async throws {
        guard try await !condition(statement.condition) else { return }
        let text: String
        if let message = statement.message {
            text = "assertion failed: " + (try await evaluate(message).description)
        } else {
            let range = statement.condition.range
            let source = String(decoding: Array(file.text.utf8)[range.lowerBound..<range.upperBound], as: UTF8.self)
            text = "assertion failed: \(source)"
        }
        throw RuntimeFailure.assertion(text, at: statement.range)
    }

    /// `source PATH`: runs the file (relative to the including one) in the current scope. A literal path was parsed
    /// and checked with the program; a computed one is read and checked now, with the names of the current scope.
    mutating func execute(_ statement: SourceStmt, in file: SourceFile) async throws {
        let path = try await stringValue(statement.path, what: "the path to source")
        let included: ParsedFile
        if let checkedFile = checked?.sourcedFile(path: path, includingFile: file.name) {
            included = checkedFile
        } else {
            included = try checkSourced(path, at: statement, in: file)
        }
        if sourceStack.contains(included.file.name) || included.file.name == file.name
            || sourceStack.count >= Self.maximumSourceDepth
        {
            throw RuntimeFailure.command(ResolveMessage.sourceCycle(path, domain: "runtime"), at: statement.range)
        }
        sourceStack.append(file.name)
        defer { sourceStack.removeLast() }
        defineProcedures(of: included.script, in: included.file)
        try await execute(included.script.statements, in: included.file)
    }

    /// Reads and checks a file that `source` names by a computed path.
    private func checkSourced(_ path: String, at statement: SourceStmt, in file: SourceFile) throws -> ParsedFile {
        let loaded: SourceFile
        switch loader(path, file.name) {
        case .success(let file): loaded = file
        case .failure(let error):
            throw RuntimeFailure.command(
                ResolveMessage.sourceUnreadable(path, reason: error.reason, domain: "runtime"), at: statement.path.range
            )
        }
        let result = Checker.check(loaded, options: checkOptions)
        guard let program = result.program, let parsed = program.files.first else {
            for finding in result.diagnostics { output.diagnostic(finding.diagnostic, in: finding.file) }
            throw RuntimeFailure.syntax(RuntimeMessages.sourceFailed(path, errors: result.errorCount), at: statement.range)
        }
        return parsed
    }

    /// The status `exit` ends with: 0 without a value, else an integer from 0 to 255.
    mutating func exitCode(_ expr: Expr?) async throws -> Int32 {
        guard let expr else { return 0 }
        let value = try await evaluate(expr)
        guard let code = value.integerConversion, (0...255).contains(code) else {
            throw RuntimeFailure.badArgument(
                "'exit' takes a status from 0 to 255, not \(Self.described(value))", at: expr.range
            )
        }
        return Int32(code)
    }
}

/// `break` and `continue` on their way from the statement to the body of the innermost loop, which catches them
/// (``Interpreter/executeIteration(_:in:bindings:)``). The check makes sure a loop is there.
enum LoopSignal: Error, Sendable {
    case `break`
    case `continue`
}
