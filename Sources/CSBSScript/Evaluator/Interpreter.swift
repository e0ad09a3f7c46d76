import CSBSClient
import CSBSSyntax

/// Runs parsed scripts against a ``BackupClient``, keeping the session's state (the selected vault, variables,
/// `on error` mode, the last error) between runs, so a REPL can feed it one line at a time.
public struct Interpreter: Sendable {
    /// What earlier statements selected.
    public struct Context: Sendable {
        public var vault: Vault?
        /// The checkpoint the session's last `backup` created: what `wait` without an ID waits for.
        public var lastCheckpointID: String?

        public init(vault: Vault? = nil, lastCheckpointID: String? = nil) {
            self.vault = vault
            self.lastCheckpointID = lastCheckpointID
        }
    }

    /// Reads the script a `source` statement names: the path as written and the including file's name.
    public typealias SourceLoader = @Sendable (_ path: String, _ includingFile: String) -> Result<SourceFile, SourceLoadError>

    /// How deeply `source` may nest before it is treated as runaway recursion.
    public static let maximumSourceDepth = 16

    /// Makes the client for a connection changed by `region`, `profile` or `endpoint`: the change holds every
    /// such statement run so far, merged (see ``ConnectionChange``).
    public typealias Connector = @Sendable (ConnectionChange) async throws -> BackupClient

    /// Where commands send their requests; `region`, `profile` and `endpoint` replace it.
    public var client: BackupClient
    /// Makes the clients of `region`, `profile` and `endpoint`; `nil` makes those statements fail.
    public var connector: Connector?
    /// The context statements run so far, merged.
    public var connection = ConnectionChange()
    /// Where results go; a `for … parallel` item gets a copy of the interpreter with a buffering output.
    public var output: any ScriptOutput
    public var context: Context
    /// What `$env.NAME` reads.
    public var environment: [String: String]
    /// `$1`, `$2`, … and `$args`.
    public var arguments: [String]
    /// `$0`: the script's name.
    public var scriptName: String
    /// Reads sourced scripts; files relative to the including script by default.
    public var loader: SourceLoader
    /// Makes statements converging on the same name take turns, across this interpreter's parallel copies.
    public let nameLocks = NameLocks()
    /// Variables, innermost block last. The first scope lives as long as the interpreter.
    var scopes: [[String: Value]] = [[:]]
    /// `$error`: the last failure that `on error continue` let pass, or `null`.
    var lastError: Value = .null
    var errorMode: ErrorMode = .stop
    /// The files being sourced, outermost first, for cycle detection.
    var sourceStack: [String] = []
    /// Set inside the body of a `for … parallel` (see `Interpreter+Parallel.swift`); `nil` elsewhere.
    var fanOut: FanOut?
    /// The program being run: where `source` finds the files the check already parsed.
    var checked: CheckedProgram?
    /// The procedures `def` defined, by name: a file's are defined before its first statement runs.
    var procedures: [String: Procedure] = [:]
    /// How many procedure calls are running around the current statement.
    var callDepth = 0
    /// How many `try` and `retry` bodies are running around the current statement (in this interpreter, not
    /// counting those around a `for … parallel` whose item this is): while there is one, a failure ends the body
    /// instead of being reported or passed by `on error continue`.
    var guardingBodies = 0
    /// The values of `param` declarations given with `--var NAME=VALUE`, converted (``ScriptParameters/bind(_:to:)``);
    /// a `param` not here takes its default.
    public var parameters: [String: Value] = [:]
    /// Set for a dry run (`--dry-run`, ``CSBSDryRun``): a statement whose course depends on failures the dry run's
    /// answers never have (`retry`) says what it would do.
    public var isDryRun = false
    /// Where `confirm` gets its answer; ``ConfirmationSource/refuse`` unless the one starting the run says how to ask.
    public var confirmation: ConfirmationSource = .refuse

    /// Creates an interpreter.
    ///
    /// - Parameters:
    ///   - client: Where commands send their requests.
    ///   - output: Where results, progress and diagnostics go.
    ///   - context: The state to start from.
    ///   - environment: What `$env.NAME` reads.
    ///   - arguments: The script's arguments, `$1`… and `$args`.
    ///   - scriptName: `$0`.
    ///   - loader: Reads sourced scripts; ``FileScriptLoader/load(_:relativeTo:)`` unless told.
    ///   - connector: Makes the clients of `region`, `profile` and `endpoint`; without one they fail.
    public init(
        client: BackupClient, output: any ScriptOutput, context: Context = Context(), environment: [String: String] = [:],
        arguments: [String] = [], scriptName: String = "", loader: @escaping SourceLoader = FileScriptLoader.load,
        connector: Connector? = nil
    ) {
        self.client = client
        self.connector = connector
        self.output = output
        self.context = context
        self.environment = environment
        self.arguments = arguments
        self.scriptName = scriptName
        self.loader = loader
    }

    /// The names of the variables defined at the top level, for `csbs check` of later input.
    public var declaredNames: Set<String> {
        Set(scopes.flatMap(\.keys))
    }

    /// How a script to run in this session is checked: the names earlier runs declared count, and `source` reads
    /// with ``loader``; regions as every front end checks them.
    public var checkOptions: CheckOptions {
        .standard(predeclared: declaredNames, loader: loader, procedures: procedureSignatures)
    }

    /// Runs a checked program: every file's statements in order, the first failure ending the run. A failure is
    /// reported to ``output`` where it happens; under `on error stop` (the default) it ends the run, under
    /// `on error continue` it is kept in `$error` and the run goes on. `exit N` ends the run with a failure of
    /// category `.exit(N)` (also for 0), which is not reported. Only ``Checker`` makes a ``CheckedProgram``, so
    /// nothing unchecked runs; ``ExitStatus/code(for:)-(Result<Void,RuntimeFailure>)`` gives the exit status.
    @discardableResult
    public mutating func run(_ program: CheckedProgram) async -> Result<Void, RuntimeFailure> {
        checked = program
        for parsed in program.files {
            defineProcedures(of: parsed.script, in: parsed.file)
            do {
                try await execute(parsed.script.statements, in: parsed.file)
            } catch {
                return .failure(Self.failure(from: error, at: parsed.script.statements.last?.range ?? .empty(at: 0)))
            }
        }
        return .success(())
    }

    /// A `param`'s value: the one `--var` gave, else its default. Without either the run fails here — the batch
    /// runner refuses that before the run (``ScriptParameters/bind(_:to:)``); this is for the shell and libraries.
    mutating func parameterValue(_ param: ParamStmt) async throws -> Value {
        if let value = parameters[param.name] { return value }
        guard let defaultValue = param.defaultValue else {
            throw RuntimeFailure.badArgument("param \(param.name) has no default and no value: give it with --var \(param.name)=VALUE", at: param.range)
        }
        return try await evaluate(defaultValue)
    }

    /// Runs statements in the current scope, reporting each failure once, at the innermost statement list.
    mutating func execute(_ statements: [Stmt], in file: SourceFile) async throws {
        for statement in statements {
            do {
                try Task.checkCancellation()
                output.willRun(statement, in: file)
                try await execute(statement, in: file)
                if Self.clearsError(statement) { lastError = .null }
            } catch let signal as LoopSignal {
                throw signal  // `break` or `continue`, on its way to its loop
            } catch let signal as ReturnSignal {
                throw signal  // `return`, on its way to its procedure's call
            } catch {
                var failure = Self.failure(from: error, at: statement.range)
                if failure.file == nil { failure.file = file }
                if failure.isReported { throw failure }
                if case .exit = failure.category { throw failure }
                // Inside a `try` or `retry` body the failure ends the body, unreported: the handler decides.
                if guardingBodies > 0, failure.category.isCatchable { throw failure }
                output.failure(failure, in: failure.file ?? file)
                failure.isReported = true
                lastError = errorValue(failure, in: failure.file ?? file)
                if errorMode == .continue, failure.isRecoverable {
                    bindNullAfterFailedCapture(statement)
                    continue
                }
                throw failure
            }
        }
    }

    /// Whether `$error` is cleared when `statement` succeeds: a command (one that sends requests, captured or
    /// not), a context statement and a `for … parallel` — the statements whose failure is what `$error` is for.
    /// Expressions, `echo`, `if` and the like leave it alone, so the lines that read it see it.
    static func clearsError(_ statement: Stmt) -> Bool {
        if statement.isCommand { return true }
        switch statement {
        case .context: return true
        case .for(let loop): return loop.parallel != nil
        default: return false
        }
    }

    /// Under `on error continue`, `let x = VALUE` (or `set`) whose value failed — a command or an expression —
    /// binds `null`, so later lines can test `$x == null` instead of finding `x` undefined (or holding an older
    /// result).
    private mutating func bindNullAfterFailedCapture(_ statement: Stmt) {
        switch statement {
        case .let(let assign):
            scopes[scopes.count - 1][assign.name] = .null
        case .set(let assign):
            try? set(assign.name, to: .null, at: assign.nameRange)
        default:
            break
        }
    }

    /// Runs a block in a scope of its own, with `bindings` declared in it.
    mutating func execute(_ block: Block, in file: SourceFile, bindings: [String: Value] = [:]) async throws {
        scopes.append(bindings)
        defer { scopes.removeLast() }
        try await execute(block.statements, in: file)
    }

    mutating func execute(_ statement: Stmt, in file: SourceFile) async throws {
        switch statement {
        case .vault, .attach, .backup, .vaults, .useVault, .showVault, .backups, .showObject, .wait, .restore,
            .deleteBackup, .servers, .detach, .resizeVault, .deleteVault,
            .tasks, .policy, .policies, .bindPolicy, .unbindPolicy, .protect:
            output.result(try await command(statement, in: file))
        case .let(let assign):
            let value = try await bind(assign.value, in: file)
            scopes[scopes.count - 1][assign.name] = value
        case .set(let assign):
            let value = try await bind(assign.value, in: file)
            try set(assign.name, to: value, at: assign.nameRange)
        case .param(let param):
            scopes[scopes.count - 1][param.name] = try await parameterValue(param)
        case .echo(let echo):
            var parts: [String] = []
            for value in echo.values { parts.append(try await evaluate(value).description) }
            let text = parts.joined(separator: " ")
            let kind = echo.stream == .standardError ? ResultRecord.warnKind : "echo"
            output.result(ResultRecord(kind: kind, fields: [.init("message", .string(text))], summary: text))
        case .if(let statement):
            if try await condition(statement.condition) {
                try await execute(statement.then, in: file)
            } else if let otherwise = statement.otherwise {
                try await execute(otherwise, in: file)
            }
        case .for(let statement):
            try await execute(statement, in: file)
        case .while(let statement):
            try await execute(statement, in: file)
        case .break:
            throw LoopSignal.break
        case .continue:
            throw LoopSignal.continue
        case .assert(let statement):
            try await execute(statement, in: file)
        case .confirm(let statement):
            try await execute(statement)
        case .sleep(let statement):
            let duration = try await durationValue(statement.duration)
            do {
                try await client.clock.sleep(for: duration)
            } catch is CancellationError {
                throw RuntimeFailure.interrupted("sleeping", then: .nothingStarted, at: statement.range)
            }
        case .source(let statement):
            try await execute(statement, in: file)
        case .exit(let statement):
            throw RuntimeFailure.exit(try await exitCode(statement.code), at: statement.range)
        case .onError(let statement):
            errorMode = statement.mode
        case .try(let statement):
            try await execute(statement, in: file)
        case .retry(let statement):
            try await execute(statement, in: file)
        case .def:
            break  // defined before the file's first statement (``defineProcedures(of:in:)``)
        case .return(let statement):
            throw ReturnSignal(value: try await evaluate(statement.value) ?? .null)
        case .expression(let expr):
            let value = try await evaluate(expr)
            // A procedure called for what it does, not for a value, prints nothing.
            if value == .null, case .call(let name, _, _) = expr, procedures[name] != nil { break }
            output.result(Self.valueRecord(value))
        case .context(let statement):
            output.result(try await execute(statement))
        }
    }

    /// Runs a command statement and returns its result, for output or for `let`.
    mutating func command(_ statement: Stmt, in file: SourceFile) async throws -> ResultRecord {
        switch statement {
        case .vault(let vault): try await execute(vault)
        case .attach(let attach): try await execute(attach)
        case .backup(let backup): try await execute(backup)
        case .protect(let protect): try await execute(protect)
        case .vaults: try await listVaults()
        case .useVault(let reference): try await useVault(reference)
        case .showVault(let reference): try await showVault(reference)
        case .backups(let backups): try await listBackups(backups, in: file)
        case .showObject(let show):
            switch show.kind {
            case .backup: try await showBackup(try await stringValue(show.id, what: "the backup ID"), at: show.id.range)
            case .checkpoint:
                try await showCheckpoint(try await stringValue(show.id, what: "the checkpoint ID"), at: show.id.range)
            }
        case .wait(let wait): try await execute(wait)
        case .restore(let restore): try await execute(restore)
        case .deleteBackup(let delete): try await execute(delete)
        case .servers: try await listServers()
        case .detach(let detach): try await execute(detach)
        case .resizeVault(let resize): try await execute(resize)
        case .deleteVault(let delete): try await execute(delete)
        case .tasks(let tasks): try await listTasks(tasks)
        case .policy(let policy): try await execute(policy)
        case .policies(let policies): try await listPolicies(policies)
        case .bindPolicy(let binding): try await bindPolicy(binding)
        case .unbindPolicy(let binding): try await unbindPolicy(binding)
        default:
            throw RuntimeFailure.badArgument("this statement has no result to capture", at: statement.range)
        }
    }

    /// The value `let`/`set` stores. A captured command is quiet: its result goes into the variable, not to the
    /// output (its progress, and a dry run's requests, still do); `$x` on its own prints it.
    mutating func bind(_ binding: Binding, in file: SourceFile) async throws -> Value {
        switch binding {
        case .expression(let expr):
            return try await evaluate(expr)
        case .command(let statement):
            return try await command(statement, in: file).value
        }
    }

    static func failure(from error: any Error, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case let failure as RuntimeFailure:
            return failure
        case let error as ClientError where error.kind == .waitTimeout:
            return .waitTimeout(error, at: range)
        case let error as ClientError:
            return .client(error, at: range)
        case is CancellationError:
            return .interrupted("running", then: .requestMayTakeEffect, at: range)
        default:
            let message = SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "internalError"), message: "\(error)")
            return .command(message, at: range)
        }
    }

    /// `$error` and `catch NAME` after a failure: `code` (the service's error code, else the diagnostic id),
    /// `message`, `id`, `status` (the HTTP status, if any), `file`, `line`, `column` (1-based, in UTF-8 bytes),
    /// and `result`: what a statement that failed part-way did (``RuntimeFailure/result``), else `null`.
    func errorValue(_ failure: RuntimeFailure, in file: SourceFile) -> Value {
        let location = SourceLocationConverter(file.text).location(ofOffset: failure.diagnostic.range.lowerBound)
        let id = failure.diagnostic.id.description
        return .record(
            Record([
                .init("code", .string(failure.code)),
                .init("message", .string(Self.messageWithoutCode(failure))),
                .init("id", .string(id)),
                .init("status", failure.underlying?.status.map(Value.integer) ?? .null),
                .init("file", .string(file.name)),
                .init("line", .integer(location.line)),
                .init("column", .integer(location.column)),
                .init("result", failure.result?.value ?? .null),
            ])
        )
    }

    /// `$error.message`: the diagnostic's text without the `CODE: ` that `$error.code` already holds, so
    /// `"${error.code}: ${error.message}"` names the code once.
    static func messageWithoutCode(_ failure: RuntimeFailure) -> String {
        var text = failure.diagnostic.text
        guard let code = failure.underlying?.code, let range = text.firstRange(of: code + ": ") else { return text }
        text.removeSubrange(range)
        return text
    }

    /// The vault earlier statements selected, or a located failure.
    func selectedVault(for statement: String, at range: SourceRange) throws -> Vault {
        guard let vault = context.vault else {
            throw RuntimeFailure.command(RuntimeMessages.noVaultSelected(statement), at: range)
        }
        return vault
    }
}
