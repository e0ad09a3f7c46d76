import CSBSPlatform

/// A diagnostic together with the file it points into; name resolution can follow `source` into other files.
public struct FileDiagnostic: Sendable {
    public let file: SourceFile
    public let diagnostic: Diagnostic

    public init(file: SourceFile, diagnostic: Diagnostic) {
        self.file = file
        self.diagnostic = diagnostic
    }
}

/// Checks a parsed script's names without running it: every `$name` must be declared by an earlier `let`
/// (or `for`) in an enclosing block, `set` must name a declared variable, and the built-in names `env`,
/// `args` and `error` cannot be redeclared. Each statement's literal arguments are checked on the way
/// (``LiteralCheck``). `source` statements with a literal path are followed, parsed and
/// resolved in the same scope, with cycle detection.
///
/// `break` and `continue` must be inside a `for` or `while` body of the same file, and `break` may not end a
/// `for … parallel`; `try` and `retry` are not loops, so inside their blocks these end the enclosing loop.
///
/// Procedures (`def`) stand at the top level of a file and are declared before its first statement, so a call may
/// come before its `def`; their bodies are resolved after the file, in a scope that sees the parameters and the
/// top-level variables (as the evaluator runs them), and `return` must be inside one.
///
/// Scopes match the evaluator: a block (`if`, `else`, `for`, `while`, `try`, `catch`, `retry` body) opens a scope
/// (`catch NAME` declares NAME in its block), and a sourced file runs in
/// the scope of its `source` statement.
public struct Resolver {
    /// Reads a sourced script: the path as written and the including file's name, giving the file or a
    /// reason it cannot be read. The returned file's name is the resolved path, used for cycle detection.
    public typealias Loader = (_ path: String, _ includingFile: String) -> Result<SourceFile, SourceLoadError>

    /// The names every script can read: `$env`, `$args`, `$error`.
    public static let builtinNames: Set<String> = ["env", "args", "error"]

    let loader: Loader?
    /// The regions `region NAME` may name; `nil` leaves literal regions unchecked.
    let knownRegions: [String]?
    /// The functions a call may name, by name: the built-in ones given to ``init(predeclared:loader:knownRegions:functions:)``.
    /// A script's own procedures are added here too, so ``function(named:)`` is the one look-up of a call.
    var functions: [String: FunctionSignature]
    /// The names declared in each open scope, innermost last, each with the number of its declaration in ``lint``
    /// (``untracked`` without one, or for a name the tracker does not follow: a built-in name, a parameter), so
    /// that a name is hashed once per declaration and read, not again by the tracker.
    var scopes: [[String: Int]]
    /// The declaration number of a name ``lint`` does not follow.
    static let untracked = -1
    var stack: [String] = []
    var findings: [FileDiagnostic] = []
    /// How many findings of each file are kept, by file name.
    var kept: [String: Int] = [:]
    /// How many findings of each file were found past ``DiagnosticLimit/perFile`` and not kept, by file name.
    var omitted: [String: Int] = [:]
    /// The files `source` statements with a literal path led to, parsed once, by including file and path.
    private(set) var sourced: [SourcedFileKey: ParsedFile] = [:]
    /// The enclosing `for … parallel` bodies, innermost last: the scope count outside each and where its
    /// `parallel N` is written. `set` of a variable from outside, and `exit`, are errors inside.
    private var parallelBodies: [(outerScopes: Int, range: SourceRange, file: String)] = []
    /// The enclosing loops of the file being resolved, innermost last: where a parallel one's `parallel N` is
    /// written, `nil` for the others. `break` and `continue` need one; `break` may not end a parallel one.
    /// A sourced file starts with none: `break` cannot leave the file.
    private var loops: [SourceRange?] = []
    /// The names of the built-in functions, which a procedure may not take.
    let builtinFunctions: Set<String>
    /// Where each procedure of this check was defined, by name: a second `def` of a name is an error (a procedure
    /// of earlier shell input, given to ``init(predeclared:loader:knownRegions:functions:procedures:)``, may be
    /// defined again).
    var definitions: [String: (file: String, range: SourceRange)] = [:]
    /// The `def` statements met, whose bodies are resolved once their file's top level is (``resolvePendingBodies()``).
    var pendingBodies: [(procedure: DefStmt, file: SourceFile)] = []
    /// How many blocks of the current file enclose the statement being resolved; a `def` needs none.
    private var blockDepth = 0
    /// Whether a procedure's body is being resolved: `return` needs one.
    private var inProcedure = false
    /// The `catch` blocks enclosing the statement being resolved, innermost last, each with the name it gives the
    /// error caught (`nil` without one): `$error` read there is `lint.errorInCatch`.
    private var catchNames: [String?] = []
    /// The warnings of `csbs check` (``CheckOptions/lint``), found on the same walk; `nil` finds none.
    var lint: LintTracker?
    /// Whether a `source` statement was met: a chunk of a file's statements resolved on its own (see
    /// ``resolveInChunks(_:file:chunking:)``) cannot follow one.
    var sourceMet = false

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - predeclared: Names already defined, such as the variables of earlier REPL lines.
    ///   - loader: Reads sourced files; without one, `source` is not followed.
    ///   - knownRegions: The regions a literal `region NAME` may name (the client's region table); `nil` checks
    ///     none.
    ///   - functions: The built-in functions a call may name; a call of any other name is an error.
    ///   - procedures: Procedures defined before this check (by earlier shell input).
    public init(
        predeclared: Set<String> = [], loader: Loader? = nil, knownRegions: [String]? = nil,
        functions: [FunctionSignature] = [], procedures: [FunctionSignature] = []
    ) {
        self.loader = loader
        self.knownRegions = knownRegions
        self.functions = Dictionary((functions + procedures).map { ($0.name, $0) }) { first, _ in first }
        builtinFunctions = Set(functions.map(\.name))
        scopes = [Dictionary(Self.builtinNames.union(predeclared).map { ($0, Self.untracked) }) { first, _ in first }]
    }

    /// Makes room for `count` more names in the top-level scope (a check passes the count of names its parse met,
    /// ``ParseResult/declaredNameList``, an upper bound): growing it a doubling at a time rehashed every name each
    /// time, 1.5 % of a 100,000-line check.
    mutating func reserveTopLevelNames(_ count: Int) {
        scopes[0].reserveCapacity(scopes[0].count + count)
    }

    /// The function a call of `name` calls, if any: a built-in one or a procedure declared so far.
    public func function(named name: String) -> FunctionSignature? {
        functions[name]
    }

    /// Makes `signature` callable from here on (a script's procedure); a built-in of the same name is replaced.
    public mutating func declareFunction(_ signature: FunctionSignature) {
        functions[signature.name] = signature
    }

    /// Resolves `script`, parsed from `file`.
    ///
    /// - Returns: Every problem found, in this file and in the files it sources, in the order met.
    /// - Parameters:
    ///   - script: The parsed statements.
    ///   - file: The file they were parsed from.
    ///   - threads: The threads a long file's top-level statements may be resolved on, in chunks
    ///     (``resolveInChunks(_:file:chunking:)``); the result is the same for any number.
    public mutating func resolve(
        _ script: Script, in file: SourceFile, threads: ParseThreads = .callingThreadOnly
    ) -> [FileDiagnostic] {
        resolve(script, in: file, chunking: .threads(threads))
    }

    /// Resolves `script`, parsed from `file`, its top level in chunks as `chunking` says when it can
    /// (``resolveInChunks(_:file:chunking:)``).
    mutating func resolve(_ script: Script, in file: SourceFile, chunking: Chunking) -> [FileDiagnostic] {
        stack.append(file.name)
        lint?.noteFile(script, file)
        declareProcedures(of: script, file: file)
        if !resolveInChunks(script.statements, file: file, chunking: chunking) {
            resolve(script.statements, file: file)
        }
        resolvePendingBodies()
        stack.removeLast()
        if stack.isEmpty, var lint {
            lint.finishAll()
            for finding in lint.findings { keep(finding) }
            self.lint = LintTracker()
        }
        return findings
    }

    /// Declares the file's top-level procedures before its first statement: a name of a built-in function, or one
    /// defined twice, is an error.
    private mutating func declareProcedures(of script: Script, file: SourceFile) {
        for procedure in script.procedures {
            if builtinFunctions.contains(procedure.name) {
                report(ResolveMessage.procedureShadowsBuiltin(procedure.name), at: procedure.nameRange, file: file)
                continue
            }
            if let first = definitions[procedure.name] {
                var notes: [Diagnostic.Note] = []
                if first.file == file.name { notes.append(Diagnostic.Note(ResolveMessage.firstDefinedHere, range: first.range)) }
                keep(FileDiagnostic(
                    file: file,
                    diagnostic: Diagnostic(ResolveMessage.procedureDefinedTwice(procedure.name), range: procedure.nameRange, notes: notes)
                ))
                continue
            }
            definitions[procedure.name] = (file.name, procedure.nameRange)
            declareFunction(procedure.signature)
        }
    }

    /// Resolves the bodies of the procedures met so far, each in the scope it runs in: the top-level variables,
    /// then its parameters and its own variables. No loop, parallel body or block of the caller encloses it.
    private mutating func resolvePendingBodies() {
        while !pendingBodies.isEmpty {
            let (procedure, file) = pendingBodies.removeFirst()
            let outer = (scopes, loops, parallelBodies, blockDepth, inProcedure, catchNames)
            var parameters: [String: Int] = [:]
            for parameter in procedure.parameters {
                if Self.builtinNames.contains(parameter.name) {
                    report(ResolveMessage.reservedName(parameter.name), at: parameter.range, file: file)
                }
                parameters[parameter.name] = Self.untracked
            }
            scopes = [scopes[0], parameters]
            loops = []
            parallelBodies = []
            blockDepth = 1
            inProcedure = true
            catchNames = []
            stack.append(file.name)
            resolve(procedure.body.statements, file: file)
            lint?.closeScopes(from: 1)
            stack.removeLast()
            (scopes, loops, parallelBodies, blockDepth, inProcedure, catchNames) = outer
        }
    }

    mutating func resolve(_ statements: some Collection<Stmt>, file: SourceFile) {
        for statement in statements {
            // Past the limit of this file nothing more of it is shown (``DiagnosticLimit``); the name is hashed only
            // once something was left out.
            if !omitted.isEmpty, omitted[file.name, default: 0] > 0 { return }
            resolve(statement, file: file)
        }
    }

    private mutating func resolve(_ statement: Stmt, file: SourceFile) {
        for diagnostic in LiteralCheck(knownRegions: knownRegions).diagnostics(for: statement) {
            keep(FileDiagnostic(file: file, diagnostic: diagnostic))
        }
        lint?.checkValues(of: statement, in: file)
        if let command = statement.commandSyntax {
            for part in command.parts {
                switch part {
                case .expression(let expr, _): resolve(expr, file: file)
                case .wait(let wait): resolve(wait?.timeout, file: file)
                }
            }
            return
        }
        switch statement {
        case .let(let assign):
            resolve(assign.value, file: file)
            if Self.builtinNames.contains(assign.name) {
                report(ResolveMessage.reservedName(assign.name), at: assign.nameRange, file: file)
            }
            declare(assign.name, at: assign.nameRange, in: file)
        case .set(let assign):
            resolve(assign.value, file: file)
            if Self.builtinNames.contains(assign.name) {
                report(ResolveMessage.reservedName(assign.name), at: assign.nameRange, file: file)
            } else if !isDeclared(assign.name) {
                report(ResolveMessage.setUndeclared(assign.name), at: assign.nameRange, file: file)
            } else if let body = parallelBodies.last, let scope = scopes.lastIndex(where: { $0[assign.name] != nil }),
                scope < body.outerScopes
            {
                reportInParallel(ResolveMessage.setInParallel(assign.name), at: assign.nameRange, file: file)
            }
        case .param(let param):
            if Self.builtinNames.contains(param.name) {
                report(ResolveMessage.reservedName(param.name), at: param.nameRange, file: file)
            } else if scopes.count > 1 || !parallelBodies.isEmpty {
                report(ResolveMessage.paramNotAtTopLevel(param.name), at: param.range, file: file)
            }
            // Kept as the declaration it may follow (a `let` of the same name before it): what a read marks.
            if scopes[scopes.count - 1][param.name] == nil { scopes[scopes.count - 1][param.name] = Self.untracked }
        case .echo(let echo):
            echo.values.forEach { resolve($0, file: file) }
        case .if(let statement):
            resolve(statement.condition, file: file)
            resolve(statement.then, file: file)
            if let otherwise = statement.otherwise { resolve(otherwise, file: file) }
        case .for(let statement):
            resolve(statement.sequence, file: file)
            resolve(statement.parallel?.width, file: file)
            if let parallel = statement.parallel { parallelBodies.append((scopes.count, parallel.range, file.name)) }
            loops.append(statement.parallel?.range)
            scopes.append([:])
            declare(statement.name, at: statement.nameRange, in: file)
            resolveInOpenScope(statement.body, file: file)
            loops.removeLast()
            if statement.parallel != nil { parallelBodies.removeLast() }
        case .while(let statement):
            resolve(statement.condition, file: file)
            loops.append(nil)
            resolve(statement.body, file: file)
            loops.removeLast()
        case .break(let range), .continue(let range):
            let keyword = statement.isBreak ? "break" : "continue"
            guard let loop = loops.last else {
                report(LoopMessage.outsideLoop(keyword), at: range, file: file)
                return
            }
            if let parallel = loop, statement.isBreak {
                let note = Diagnostic.Note(ResolveMessage.parallelBodyNote, range: parallel)
                keep(FileDiagnostic(file: file, diagnostic: Diagnostic(LoopMessage.breakInParallel(), range: range, notes: [note])))
            }
        case .assert(let statement):
            resolve(statement.condition, file: file)
            resolve(statement.message, file: file)
        case .sleep(let statement):
            resolve(statement.duration, file: file)
        case .confirm(let statement):
            resolve(statement.message, file: file)
            if !parallelBodies.isEmpty { reportInParallel(ResolveMessage.confirmInParallel(), at: statement.range, file: file) }
            lint?.confirm(depth: scopes.count - 1)
        case .source(let statement):
            sourceMet = true
            resolve(statement.path, file: file)
            follow(statement, file: file)
        case .exit(let statement):
            resolve(statement.code, file: file)
            if !parallelBodies.isEmpty { reportInParallel(ResolveMessage.exitInParallel(), at: statement.range, file: file) }
        case .try(let statement):
            resolve(statement.body, file: file)
            if let name = statement.errorName, let range = statement.errorNameRange, Self.builtinNames.contains(name) {
                report(ResolveMessage.reservedName(name), at: range, file: file)
            }
            scopes.append([:])
            if let name = statement.errorName, let range = statement.errorNameRange {
                declare(name, at: range, in: file)
            } else if let name = statement.errorName {
                scopes[scopes.count - 1][name] = Self.untracked
            }
            catchNames.append(statement.errorName)
            resolveInOpenScope(statement.handler, file: file)
            catchNames.removeLast()
        case .retry(let statement):
            resolve(statement.attempts, file: file)
            resolve(statement.interval, file: file)
            resolve(statement.body, file: file)
        case .def(let procedure):
            if blockDepth > 0 {
                report(ResolveMessage.defNotAtTopLevel(procedure.name), at: procedure.nameRange, file: file)
            } else if definitions[procedure.name].map({ $0.file == file.name && $0.range == procedure.nameRange }) == true {
                pendingBodies.append((procedure, file))
            }
        case .return(let statement):
            resolve(statement.value, file: file)
            if !inProcedure {
                report(ResolveMessage.returnOutsideProcedure(), at: statement.range, file: file)
            } else if !parallelBodies.isEmpty {
                reportInParallel(ResolveMessage.returnInParallel(), at: statement.range, file: file)
            }
        case .expression(let expr):
            resolve(expr, file: file)
        case .onError, .vaults, .servers:
            break
        case .useVault(let reference), .showVault(let reference):
            resolve(reference.name, file: file)
        case .policy(let statement):
            resolve(statement.name, file: file)
            switch statement.retention {
            case .keep(let value), .retain(let value): resolve(value, file: file)
            case nil: break
            }
        case .bindPolicy(let statement), .unbindPolicy(let statement):
            resolve(statement.name, file: file)
        case .context(let statement):
            resolve(statement.value, file: file)
        default:
            break  // the command statements of `Stmt.commandSyntax`, resolved above
        }
    }

    private mutating func resolve(_ binding: Binding, file: SourceFile) {
        switch binding {
        case .expression(let expr): resolve(expr, file: file)
        case .command(let statement): resolve(statement, file: file)
        }
    }

    private mutating func resolve(_ block: Block, file: SourceFile) {
        scopes.append([:])
        resolveInOpenScope(block, file: file)
    }

    /// Resolves `block` in the scope last opened (by ``resolve(_:file:)``, or by a `for` or `catch` that declared
    /// its name in it first), and closes that scope.
    private mutating func resolveInOpenScope(_ block: Block, file: SourceFile) {
        blockDepth += 1
        resolve(block.statements, file: file)
        blockDepth -= 1
        scopes.removeLast()
        lint?.closeScopes(from: scopes.count)
    }

    private mutating func resolve(_ expr: Expr?, file: SourceFile) {
        guard let expr else { return }
        switch expr {
        case .string(_, let range):
            lint?.checkString(at: range, in: file)
        case .integer, .duration, .word, .bool, .null:
            break
        case .variable(let name, let range):
            // A script argument, `$1`; checked when the script runs. (A word such as `${8d3f-…}` is no argument.)
            if name.utf8.allSatisfy(Lexer.isDigit) { return }
            // Innermost first; most blocks declare nothing, and an empty scope needs no hash.
            for depth in scopes.indices.reversed() where !scopes[depth].isEmpty {
                guard let declaration = scopes[depth][name] else { continue }
                if declaration != Self.untracked { lint?.read(declaration) }
                if depth == 0, name == "error", let caught = catchNames.last {
                    lint?.errorInCatch(at: range, in: file, caught: caught)
                }
                return
            }
            let known = scopes.flatMap(\.keys).sorted()
            report(ResolveMessage.undefinedVariable(name, suggestion: Suggestion.closest(to: name, in: known)), at: range, file: file)
        case .interpolated(let parts, let range):
            lint?.checkString(at: range, in: file)
            for case .expression(let inner) in parts { resolve(inner, file: file) }
        case .field(let base, _, _):
            resolve(base, file: file)
        case .index(let base, let index, _):
            resolve(base, file: file)
            resolve(index, file: file)
        case .list(let elements, _):
            elements.forEach { resolve($0, file: file) }
        case .record(let entries, _):
            entries.forEach { resolve($0.value, file: file) }
        case .not(let operand, _):
            resolve(operand, file: file)
        case .binary(_, let left, let right, _), .integerRange(let left, let right, _):
            resolve(left, file: file)
            resolve(right, file: file)
        case .call(let name, let arguments, let range):
            for argument in arguments { resolve(argument, file: file) }
            let callee = expr.calleeRange ?? range
            guard let signature = function(named: name) else {
                let suggestion = Suggestion.closest(to: name, in: functions.keys.sorted())
                report(ResolveMessage.unknownFunction(name, suggestion: suggestion), at: callee, file: file)
                return
            }
            if !signature.accepts(arguments.count) {
                report(ResolveMessage.wrongArgumentCount(signature, given: arguments.count), at: range, file: file)
            }
        }
    }

    /// Parses and resolves the file a `source` statement names, when its path is a literal.
    private mutating func follow(_ statement: SourceStmt, file: SourceFile) {
        guard let loader, case .string(let path, let range) = statement.path else { return }
        switch loader(path, file.name) {
        case .failure(let error):
            report(ResolveMessage.sourceUnreadable(path, reason: error.reason), at: range, file: file)
        case .success(let included):
            if stack.contains(included.name) {
                report(ResolveMessage.sourceCycle(path), at: statement.range, file: file)
                return
            }
            let parsed = Parser.parse(included)
            for diagnostic in parsed.diagnostics {
                keep(FileDiagnostic(file: included, diagnostic: diagnostic))
            }
            omitted[included.name, default: 0] += parsed.omittedDiagnostics
            if !parsed.hasErrors {
                sourced[SourcedFileKey(path: path, includingFile: file.name)] = ParsedFile(
                    script: parsed.script, file: included
                )
            }
            stack.append(included.name)
            let outer = (loops, blockDepth)
            loops = []
            blockDepth = 0
            lint?.noteFile(parsed.script, included)
            if parsed.hasErrors { lint?.noteSyntaxErrors(in: included) }
            declareProcedures(of: parsed.script, file: included)
            resolve(parsed.script.statements, file: included)
            (loops, blockDepth) = outer
            stack.removeLast()
        }
    }

    /// Reports a rule of parallel bodies, with a note at the innermost `parallel N` when it is in the same file.
    private mutating func reportInParallel(_ message: SimpleDiagnosticMessage, at range: SourceRange, file: SourceFile) {
        var notes: [Diagnostic.Note] = []
        if let body = parallelBodies.last, body.file == file.name { notes.append(Diagnostic.Note(ResolveMessage.parallelBodyNote, range: body.range)) }
        keep(FileDiagnostic(file: file, diagnostic: Diagnostic(message, range: range, notes: notes)))
    }

    private func isDeclared(_ name: String) -> Bool {
        scopes.contains { $0[name] != nil }
    }

    /// Declares `name` in the innermost scope, ending a declaration of the same name there (for ``lint``).
    private mutating func declare(_ name: String, at range: SourceRange, in file: SourceFile) {
        let innermost = scopes.count - 1
        let earlier = scopes[innermost][name].flatMap { $0 == Self.untracked ? nil : $0 }
        scopes[innermost][name] =
            lint?.declare(name, at: range, in: file, depth: innermost, replacing: earlier) ?? Self.untracked
    }

    private mutating func report(_ message: SimpleDiagnosticMessage, at range: SourceRange, file: SourceFile) {
        keep(FileDiagnostic(file: file, diagnostic: Diagnostic(message, range: range)))
    }

    /// Keeps a finding while its file has fewer than ``DiagnosticLimit/perFile``; counts it in ``omitted``
    /// otherwise.
    private mutating func keep(_ finding: FileDiagnostic) {
        let name = finding.file.name
        if kept[name, default: 0] < DiagnosticLimit.perFile {
            kept[name, default: 0] += 1
            findings.append(finding)
        } else {
            omitted[name, default: 0] += 1
        }
    }
}

extension Stmt {
    fileprivate var isBreak: Bool {
        if case .break = self { true } else { false }
    }
}

/// Why a sourced file could not be read.
public struct SourceLoadError: Error, Sendable {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// Name-resolution messages, shared by `csbs check` (`resolve.*`) and the evaluator (`runtime.*`).
public enum ResolveMessage {
    /// `$name` with no declaration in scope.
    public static func undefinedVariable(_ name: String, suggestion: String?, domain: String = "resolve")
        -> SimpleDiagnosticMessage
    {
        guard Parser.isIdentifier(name) else {
            // Only a bare word inside `${…}` (read as a variable there) gets here with a name no `let` can declare.
            var message = "'\(name)' is no variable: inside '${…}' a bare word is a variable's name; write \"\(name)\" for the text"
            if name.hasPrefix("-"), Parser.isIdentifier(String(name.dropFirst())) {
                message += ", or 0 - \(name.dropFirst()) for its negative"
            }
            return SimpleDiagnosticMessage(id: MessageID(domain: domain, name: "undefinedVariable"), message: message)
        }
        var text = "'$\(name)' is not defined here; declare it first with 'let \(name) = …'"
        if let suggestion { text += "; did you mean '$\(suggestion)'?" }
        return SimpleDiagnosticMessage(id: MessageID(domain: domain, name: "undefinedVariable"), message: text)
    }

    /// `set` of a name no `let` declared.
    public static func setUndeclared(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "setUndeclared"),
            message: "'set \(name)' changes an existing variable, but '\(name)' is not declared; use 'let \(name) = …'"
        )
    }

    /// `param NAME` inside a block: a parameter is bound once, before the run, at the top level of a script.
    public static func paramNotAtTopLevel(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "paramNotAtTopLevel"),
            message: "'param \(name)' must stand at the top level of the script, outside any block"
        )
    }

    /// `let env = …` and the like.
    public static func reservedName(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "reservedName"),
            message: "'\(name)' is a built-in name ($env, $args, $error) and cannot be assigned"
        )
    }

    /// A `source` that leads back to a file already being sourced.
    public static func sourceCycle(_ path: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "sourceCycle"),
            message: "'source \"\(path.abbreviated(limit: 60))\"' leads back to a script that is already being sourced"
        )
    }

    /// `region NAME` with a region the client's region table does not know.
    public static func unknownRegion(_ region: String, suggestion: String?, domain: String = "resolve")
        -> SimpleDiagnosticMessage
    {
        var text = "unknown region '\(region.abbreviated(limit: 60))'"
        text += suggestion.map { "; did you mean '\($0)'?" } ?? "; regions look like cn-north-4 or ap-southeast-1"
        return SimpleDiagnosticMessage(id: MessageID(domain: domain, name: "unknownRegion"), message: text)
    }

    /// `name(…)` where no built-in function or procedure is called `name`.
    public static func unknownFunction(_ name: String, suggestion: String?, domain: String = "resolve")
        -> SimpleDiagnosticMessage
    {
        var text = "there is no function called '\(name.abbreviated(limit: 60))'"
        text += suggestion.map { "; did you mean '\($0)'?" } ?? "; the reference lists the built-in functions (help functions)"
        return SimpleDiagnosticMessage(id: MessageID(domain: domain, name: "unknownFunction"), message: text)
    }

    /// A call with a count of arguments its function does not take.
    public static func wrongArgumentCount(_ signature: FunctionSignature, given: Int, domain: String = "resolve")
        -> SimpleDiagnosticMessage
    {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "wrongArgumentCount"),
            message: "'\(signature.name)' takes \(signature.expectedCount), not \(given): \(signature.synopsis)"
        )
    }

    /// `def` inside a block (or a procedure): procedures are defined once, before the file runs.
    public static func defNotAtTopLevel(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "defNotAtTopLevel"),
            message: "'def \(name.abbreviated(limit: 60))' must stand at the top level of a file, outside any block"
        )
    }

    /// `def len(…)`: a procedure may not take the name of a built-in function.
    public static func procedureShadowsBuiltin(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "procedureShadowsBuiltin"),
            message: "'\(name)' is a built-in function (help functions); give the procedure another name"
        )
    }

    /// A second `def` of a name.
    public static func procedureDefinedTwice(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "procedureDefinedTwice"),
            message: "the procedure '\(name.abbreviated(limit: 60))' is already defined; give this one another name"
        )
    }

    /// The note on ``procedureDefinedTwice(_:domain:)`` at the first definition.
    public static let firstDefinedHere = SimpleDiagnosticMessage(
        id: MessageID(domain: "resolve", name: "firstDefinedHere"), message: "first defined here", severity: .note
    )

    /// `return` outside a procedure's body.
    public static func returnOutsideProcedure(domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "returnOutsideProcedure"),
            message: "'return' ends a procedure and stands only in the body of a 'def'; 'exit' ends the script"
        )
    }

    /// `return` in the body of a `for … parallel`: an item cannot end the procedure that runs the loop.
    public static func returnInParallel(domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "returnInParallel"),
            message: "'return' cannot leave the body of a 'for … parallel'; collect a result and return after the loop"
        )
    }

    /// A `source` whose file cannot be read.
    public static func sourceUnreadable(_ path: String, reason: String, domain: String = "resolve")
        -> SimpleDiagnosticMessage
    {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "sourceUnreadable"),
            message: "cannot source \"\(path.abbreviated(limit: 60))\": \(reason)"
        )
    }
}
