import CSBSClient
import CSBSSyntax

/// Why a run stopped early. The category picks the process exit status.
public struct RuntimeFailure: Error, Sendable {
    public enum Category: Sendable, Hashable {
        /// A command or API call failed, or an expression could not be evaluated.
        case command
        /// A `wait` passed its timeout.
        case waitTimeout
        /// The run was cancelled (Ctrl-C).
        case interrupted
        /// An `assert` found its condition false.
        case assertion
        /// A sourced script does not parse.
        case syntax
        /// A `region`, `profile` or `endpoint` statement asked for settings that do not resolve (credentials,
        /// endpoints, a region the built-in emulator has no project in).
        case configuration
        /// The command line does not fit the script (a `--var` that does not convert to its `param`); found
        /// before the run.
        case usage
        /// The script ran `exit N`; not an error in itself, and never reported as a diagnostic.
        case exit(Int32)

        /// Whether `on error continue` may go on after a failure of this kind.
        public var isRecoverable: Bool {
            switch self {
            case .command, .waitTimeout, .configuration: true
            case .interrupted, .assertion, .syntax, .usage, .exit: false
            }
        }

        /// Whether `try` catches a failure of this kind and `retry` tries again after it: every failure but an
        /// interruption, `exit`, and a sourced file that does not parse. Unlike `on error continue`, which lets
        /// whatever comes pass, they are written around the step they guard, so a failed `assert` counts too.
        public var isCatchable: Bool {
            switch self {
            case .command, .waitTimeout, .configuration, .assertion: true
            case .interrupted, .syntax, .usage, .exit: false
            }
        }
    }

    public var category: Category
    public var diagnostic: Diagnostic
    /// The client error behind it, if any.
    public var underlying: ClientError?
    /// Set once the diagnostic went to the output, so enclosing blocks do not report it again.
    var isReported = false
    /// Whether `on error continue` may go on after it: the category's rule, except for a failed `for … parallel`,
    /// which `on error continue` passes unless it was interrupted (see ``Interpreter/parallelFailure(_:elements:at:)``).
    public var isRecoverable: Bool
    /// For a failed `for … parallel`: the first failed item's ``code``.
    var itemCode: String?
    /// What the statement did before it failed, for a statement that fails part-way and still has a result (the
    /// set form of `attach`: which resources went in and which did not): `$error.result`.
    public var result: ResultRecord?
    /// The file of the statement that failed, once a statement list saw it (a failure can come from a sourced
    /// file and be reported, or caught, in the file that sources it).
    var file: SourceFile?

    public init(category: Category, diagnostic: Diagnostic, underlying: ClientError? = nil) {
        self.category = category
        self.diagnostic = diagnostic
        self.underlying = underlying
        isRecoverable = category.isRecoverable
    }

    /// What `$error.code` shows: the service's error code (`BackupService.6105`), else the diagnostic's id
    /// (`runtime.badArgument`); for a failed `for … parallel`, that of its first failed item.
    public var code: String {
        itemCode ?? underlying?.code ?? diagnostic.id.description
    }

    /// The failure `exit N` produces.
    static func exit(_ code: Int32, at range: SourceRange) -> RuntimeFailure {
        let message = SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "exit"), message: "exit \(code)")
        return make(.exit(code), message, at: range)
    }
}

/// The interpreter's own diagnostic messages, alphabetical, each id taken from its name.
enum RuntimeMessages {
    static func ambiguousVault(_ name: String, count: Int) -> SimpleDiagnosticMessage {
        make(
            #function,
            "\(count) vaults are named \"\(name)\"; name the one you mean by its ID (`vaults` lists them; "
                + "`use vault ID` selects one), or delete the extras with `delete vault ID`"
        )
    }

    static func arithmeticOverflow(_ op: String) -> SimpleDiagnosticMessage {
        make(
            #function,
            op == "duration" ? "the duration is too long to compute with (durations count milliseconds in 64 bits)"
                : "the result of '\(op)' does not fit in a 64-bit whole number"
        )
    }

    static func assertionFailed(_ message: String) -> SimpleDiagnosticMessage {
        make(#function, message)
    }

    static func badArgument(_ message: String) -> SimpleDiagnosticMessage {
        make(#function, message)
    }

    static func backupFailed(_ id: String, status: String) -> SimpleDiagnosticMessage {
        make(#function, "checkpoint \(id) ended in status '\(status)'")
    }

    static func invalidJSON(_ problem: String) -> SimpleDiagnosticMessage {
        make(#function, "'json' cannot read the text: \(problem)")
    }

    static func divisionByZero(_ op: String) -> SimpleDiagnosticMessage {
        make(#function, "'\(op)' by zero")
    }

    /// `confirm` with no one to ask: not a terminal, and no `--yes`.
    static func confirmNeedsYes(_ question: String) -> SimpleDiagnosticMessage {
        make(
            #function,
            "'confirm' cannot ask \"\(TerminalText.escaped(question, limit: 80))\": there is no terminal to answer on; "
                + "run with --yes (-y) to answer yes to every confirm"
        )
    }

    static func indexOutOfRange(_ index: Int, count: Int) -> SimpleDiagnosticMessage {
        make(#function, "index \(index) is out of range for a list of \(count) element\(count == 1 ? "" : "s")")
    }

    /// Ctrl-C while doing `what`; `then` says what it leaves behind (nothing for a `sleep`, the backup for a wait).
    static func interrupted(_ what: String, then consequence: Interruption) -> SimpleDiagnosticMessage {
        let tail: String
        switch consequence {
        case .nothingStarted: tail = ""
        case .requestMayTakeEffect: tail = "; a request already sent may still take effect in the cloud"
        case .workKeepsRunning: tail = "; work already started keeps running in the cloud"
        case .keepsRunning(let noun, resume: nil):
            tail = "; the \(noun) keeps running in the cloud"
        case .keepsRunning(let noun, resume: let id?):
            tail = "; the \(noun) keeps running in the cloud ('wait \(id)' watches it again)"
        }
        return make(#function, "interrupted while \(what)\(tail)")
    }

    static func loopLimit(_ limit: Int) -> SimpleDiagnosticMessage {
        make(
            #function,
            "this 'while' loop ran its body \(limit) times, the most one loop may; check that its condition can turn "
                + "false, or end it with 'break'"
        )
    }

    static func recursionLimit(_ name: String, _ limit: Int) -> SimpleDiagnosticMessage {
        make(
            #function,
            "calling '\(name)' would nest \(limit + 1) procedure calls, more than the \(limit) allowed; check that its "
                + "recursion ends"
        )
    }

    static func missingArgument(_ number: Int, count: Int) -> SimpleDiagnosticMessage {
        make(#function, "'$\(number)' is not given: the script got \(count) argument\(count == 1 ? "" : "s")")
    }

    /// `confirm` answered with anything but y/yes, or the input ended.
    static func notConfirmed(_ question: String, answer: String?) -> SimpleDiagnosticMessage {
        let said = answer.map { "the answer was \"\(TerminalText.escaped($0, limit: 20))\", not y or yes" } ?? "the input ended before an answer"
        return make(#function, "not confirmed: \"\(TerminalText.escaped(question, limit: 80))\" (\(said)); the run stops here")
    }

    static func noSuchField(_ name: String, available: [String]) -> SimpleDiagnosticMessage {
        let list = available.isEmpty ? "it has none" : "it has " + available.joined(separator: ", ")
        return make(#function, "the record has no field '\(name)'; \(list)")
    }

    static func noVaultSelected(_ statement: String) -> SimpleDiagnosticMessage {
        make(
            #function,
            "'\(statement)' needs a vault: put `use vault \"NAME\"` (an existing one) or `vault \"NAME\" size GB` before it"
        )
    }

    /// A failed call, with an id by what failed: the service said no, the credentials were refused, the
    /// service could not be reached, or it answered something the API does not document.
    static func clientError(_ error: ClientError) -> SimpleDiagnosticMessage {
        let name = switch error.kind {
        case .service, .ambiguousOutcome: "serviceError"
        case .authentication: "authenticationFailed"
        case .network, .timeout, .tls: "connectionFailed"
        case .decoding, .responseTooLarge: "unexpectedResponse"
        case .configuration: "configurationError"
        case .waitTimeout: "waitTimeout"
        }
        return make(name, error.description)
    }

    /// `attach` of a resource that another vault holds: which vault, and the two ways on.
    static func inAnotherVault(_ error: ClientError, id: String, kind: String, vault: String) -> SimpleDiagnosticMessage {
        make(
            "serviceError",
            "\(kind) \(id) is in another vault, \"\(vault)\": 'use vault \"\(vault)\"' backs it up there, or detach it "
                + "from that vault first (\(error.description))"
        )
    }

    /// The set form of `attach` left resources out: how many, and the first three with why.
    static func attachFailed(_ failures: [(id: String, reason: String)], of total: Int, kind: String)
        -> SimpleDiagnosticMessage
    {
        make(#function, setFailure(failures, of: total, kind: kind, action: "attached"))
    }

    /// The set form of `detach` left resources in the vault (as far as is known): how many, the first three.
    static func detachFailed(_ failures: [(id: String, reason: String)], of total: Int, kind: String)
        -> SimpleDiagnosticMessage
    {
        make(#function, setFailure(failures, of: total, kind: kind, action: "detached"))
    }

    private static func setFailure(_ failures: [(id: String, reason: String)], of total: Int, kind: String, action: String)
        -> String
    {
        let shown = failures.prefix(3).map { "\($0.id) (\($0.reason))" }.joined(separator: "; ")
        let more = failures.count > 3 ? "; and \(failures.count - 3) more (the result lists each)" : ""
        let noun = total == 1 ? kind : kind + "s"
        return "\(failures.count) of \(total) \(noun) not \(action): \(shown)\(more)"
    }

    static var nothingToWaitFor: SimpleDiagnosticMessage {
        make(#function, "'wait' without an ID waits for the last 'backup' of the session, and there is none yet")
    }

    static func retrying(_ text: String, attempt: Int, of attempts: Int, delay: Duration) -> SimpleDiagnosticMessage {
        let next = delay == .zero ? "trying again" : "trying again in \(Value.duration(delay).description)"
        return SimpleDiagnosticMessage(
            id: MessageID(domain: "runtime", name: "retrying"),
            message: "attempt \(attempt) of \(attempts) failed: \(text); \(next)", severity: .warning
        )
    }

    static func sourceFailed(_ path: String, errors: Int) -> SimpleDiagnosticMessage {
        make(#function, "the sourced script \"\(path)\" has \(errors) syntax error\(errors == 1 ? "" : "s"); nothing of it ran")
    }

    static func typeMismatch(_ message: String) -> SimpleDiagnosticMessage {
        make(#function, message)
    }

    static func valueTooLarge(_ what: String) -> SimpleDiagnosticMessage {
        make(#function, what)
    }

    static func waitEndedBadly(_ kind: String, _ id: String, status: String) -> SimpleDiagnosticMessage {
        make(#function, "\(kind) \(id) ended in status '\(status)'")
    }

    static func waitTimeout(_ error: ClientError) -> SimpleDiagnosticMessage {
        make(#function, error.message + "; it keeps running in the cloud")
    }

    private static func make(_ function: String, _ message: String) -> SimpleDiagnosticMessage {
        let name = String(function.prefix { $0 != "(" })
        return SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: name), message: message)
    }
}
