/// Statements between `{` and `}`.
public struct Block: Sendable, Hashable {
    public let statements: [Stmt]
    /// The 0-based UTF-8 range from `{` to `}`.
    public let range: SourceRange

    public init(statements: [Stmt], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

/// What `let` and `set` store: the value of an expression, or the result of a command.
public enum Binding: Sendable, Hashable {
    case expression(Expr)
    case command(Stmt)

    /// The 0-based UTF-8 range of the value's source.
    public var range: SourceRange {
        switch self {
        case .expression(let expr): expr.range
        case .command(let statement): statement.range
        }
    }
}

/// `let NAME = VALUE` or `set NAME = VALUE`.
public struct AssignStmt: Sendable, Hashable {
    /// The variable's name, without `$`.
    public let name: String
    /// Where the name is written.
    public let nameRange: SourceRange
    public let value: Binding
    public let range: SourceRange

    public init(name: String, nameRange: SourceRange, value: Binding, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
        self.range = range
    }
}

/// `echo VALUE…` / `warn VALUE…`: prints the values separated by spaces, on standard output (`echo`) or on standard
/// error (`warn`).
public struct EchoStmt: Sendable, Hashable {
    /// Where the text goes.
    public enum Stream: Sendable, Hashable {
        /// `echo`: standard output, with the results.
        case standardOutput
        /// `warn`: standard error, with progress and diagnostics.
        case standardError
    }

    public let values: [Expr]
    public let stream: Stream
    public let range: SourceRange

    public init(values: [Expr], stream: Stream = .standardOutput, range: SourceRange) {
        self.values = values
        self.stream = stream
        self.range = range
    }
}

/// `param NAME [= DEFAULT]`: a named parameter of the script, given with `--var NAME=VALUE`; the value converts to
/// the type of DEFAULT (a string, a whole number, a duration or `true`/`false`), and without a default `--var` is
/// required.
public struct ParamStmt: Sendable, Hashable {
    /// The parameter's name, without `$`.
    public let name: String
    /// Where the name is written.
    public let nameRange: SourceRange
    /// The literal default; `nil` when `--var` must give the value.
    public let defaultValue: Expr?
    public let range: SourceRange

    public init(name: String, nameRange: SourceRange, defaultValue: Expr?, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.defaultValue = defaultValue
        self.range = range
    }
}

/// `confirm MESSAGE`: asks the operator MESSAGE before going on; without a yes the run stops (see
/// `ConfirmationSource` in CSBSScript).
public struct ConfirmStmt: Sendable, Hashable {
    /// The question: any value, usually a string.
    public let message: Expr
    public let range: SourceRange

    public init(message: Expr, range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// `if COND { … } [else { … } | else if …]`.
public struct IfStmt: Sendable, Hashable {
    public let condition: Expr
    public let then: Block
    /// The `else` block; an `else if` is a block holding one `if` statement.
    public let otherwise: Block?
    public let range: SourceRange

    public init(condition: Expr, then: Block, otherwise: Block?, range: SourceRange) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        self.range = range
    }
}

/// `for NAME in LIST [parallel N] { … }`.
public struct ForStmt: Sendable, Hashable {
    public let name: String
    public let nameRange: SourceRange
    public let sequence: Expr
    /// `parallel N`: run up to N items at once, each in its own copy of the interpreter state; `nil` runs them
    /// one after another.
    public let parallel: ParallelClause?
    public let body: Block
    public let range: SourceRange

    public init(
        name: String, nameRange: SourceRange, sequence: Expr, parallel: ParallelClause? = nil, body: Block,
        range: SourceRange
    ) {
        self.name = name
        self.nameRange = nameRange
        self.sequence = sequence
        self.parallel = parallel
        self.body = body
        self.range = range
    }
}

/// `while COND { … }`.
public struct WhileStmt: Sendable, Hashable {
    /// Checked before each iteration; it must be `true` or `false`.
    public let condition: Expr
    public let body: Block
    public let range: SourceRange

    /// How many times one `while` statement may run its body before it fails with `runtime.loopLimit`.
    public static let maximumIterations = 100_000

    public init(condition: Expr, body: Block, range: SourceRange) {
        self.condition = condition
        self.body = body
        self.range = range
    }
}

/// `parallel N` in a `for` statement.
public struct ParallelClause: Sendable, Hashable {
    /// The most items that run at once: an integer from 1 to ``maximumWidth``.
    public let width: Expr
    /// The 0-based UTF-8 range from `parallel` to the end of N.
    public let range: SourceRange

    /// The largest N `parallel N` accepts.
    public static let maximumWidth = 256

    public init(width: Expr, range: SourceRange) {
        self.width = width
        self.range = range
    }
}

/// `assert COND [MESSAGE]`: stops the script with its own exit status when COND is false.
public struct AssertStmt: Sendable, Hashable {
    public let condition: Expr
    public let message: Expr?
    public let range: SourceRange

    public init(condition: Expr, message: Expr?, range: SourceRange) {
        self.condition = condition
        self.message = message
        self.range = range
    }
}

/// `sleep DURATION`.
public struct SleepStmt: Sendable, Hashable {
    public let duration: Expr
    public let range: SourceRange

    public init(duration: Expr, range: SourceRange) {
        self.duration = duration
        self.range = range
    }
}

/// `source PATH`: runs another script file, relative to the including script's folder.
public struct SourceStmt: Sendable, Hashable {
    public let path: Expr
    public let range: SourceRange

    public init(path: Expr, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

/// `exit [CODE]`: ends the script with the exit status CODE (0 when omitted).
public struct ExitStmt: Sendable, Hashable {
    public let code: Expr?
    public let range: SourceRange

    public init(code: Expr?, range: SourceRange) {
        self.code = code
        self.range = range
    }
}

/// What a failing statement does to the rest of the script.
public enum ErrorMode: String, Sendable, Hashable, CaseIterable {
    /// Stop the script (the default).
    case stop
    /// Report the error, keep it in `$error` and go on with the next statement.
    case `continue`
}

/// `on error stop|continue`.
public struct OnErrorStmt: Sendable, Hashable {
    public let mode: ErrorMode
    public let range: SourceRange

    public init(mode: ErrorMode, range: SourceRange) {
        self.mode = mode
        self.range = range
    }
}

/// `try { … } catch [NAME] { … }`: runs the body; when a statement in it fails, the rest of the body is skipped
/// and the handler runs with NAME holding the error as a record (`code`, `message`, `id`, `status`, `file`,
/// `line`, `column`).
public struct TryStmt: Sendable, Hashable {
    public let body: Block
    /// The variable the handler reads the error from, without `$`; `nil` for `catch { … }`.
    public let errorName: String?
    /// Where the name is written; `nil` with no name.
    public let errorNameRange: SourceRange?
    /// The block after `catch`.
    public let handler: Block
    public let range: SourceRange

    public init(body: Block, errorName: String?, errorNameRange: SourceRange?, handler: Block, range: SourceRange) {
        self.body = body
        self.errorName = errorName
        self.errorNameRange = errorNameRange
        self.handler = handler
        self.range = range
    }
}

/// `retry N [every D] [backoff] { … }`: runs the body again after a failure, at most N times in all.
public struct RetryStmt: Sendable, Hashable {
    /// How many attempts in all: a whole number from 1 to ``maximumAttempts``.
    public let attempts: Expr
    /// `every D`: how long to wait before the next attempt; none without it.
    public let interval: Expr?
    /// `backoff`: each wait is twice the one before, at most ``maximumBackoffDelay`` (or D when that is longer).
    public let backoff: Bool
    public let body: Block
    public let range: SourceRange

    /// The most attempts `retry N` allows.
    public static let maximumAttempts = 100
    /// The longest wait `backoff` doubles to, unless `every` asks for more.
    public static let maximumBackoffDelay = Duration.seconds(3600)

    public init(attempts: Expr, interval: Expr?, backoff: Bool, body: Block, range: SourceRange) {
        self.attempts = attempts
        self.interval = interval
        self.backoff = backoff
        self.body = body
        self.range = range
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed: D, or with `backoff`
    /// D·2^(attempt−1), capped at ``maximumBackoffDelay`` (or D when D is longer).
    public static func delay(after attempt: Int, interval: Duration, backoff: Bool) -> Duration {
        guard backoff, attempt > 1 else { return interval }
        let cap = max(interval, maximumBackoffDelay)
        var delay = interval
        for _ in 1..<attempt {
            guard delay < cap else { break }
            delay = min(delay * 2, cap)
        }
        return delay
    }
}

/// `def NAME(PARAM, …) { … }`: a procedure of the script, called as `NAME(ARG, …)` in a value or as a statement.
/// Procedures are defined at the top level of a file, before any statement of the file runs (so a call may come
/// before its `def`, and procedures may call each other); the body runs in a scope of its own that sees the
/// parameters, its own variables and the top-level variables of the run, and `return VALUE` gives the call's value
/// (`null` without one).
public struct DefStmt: Sendable, Hashable {
    /// One parameter: its name without `$` and where it is written.
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let range: SourceRange

        public init(name: String, range: SourceRange) {
            self.name = name
            self.range = range
        }
    }

    public let name: String
    /// Where the name is written.
    public let nameRange: SourceRange
    public let parameters: [Parameter]
    public let body: Block
    public let range: SourceRange

    /// How deep calls of procedures may nest (recursion included) before a call fails with
    /// `runtime.recursionLimit`.
    public static let maximumCallDepth = 200

    public init(name: String, nameRange: SourceRange, parameters: [Parameter], body: Block, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.parameters = parameters
        self.body = body
        self.range = range
    }

    /// What a call of the procedure is checked against: exactly one argument per parameter.
    public var signature: FunctionSignature {
        FunctionSignature(
            name: name, minimumArguments: parameters.count, maximumArguments: parameters.count,
            synopsis: "\(name)(\(parameters.map(\.name).joined(separator: ", ")))"
        )
    }
}

/// `return [VALUE]`: ends the procedure being run, giving VALUE (`null` without one) to its call.
public struct ReturnStmt: Sendable, Hashable {
    public let value: Expr?
    public let range: SourceRange

    public init(value: Expr?, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Script {
    /// The `def` statements at the top level of the file: the procedures it defines before it runs.
    public var procedures: [DefStmt] {
        statements.compactMap { statement in
            if case .def(let procedure) = statement { procedure } else { nil }
        }
    }
}
