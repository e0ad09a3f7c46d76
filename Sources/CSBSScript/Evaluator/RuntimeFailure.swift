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
        /// The script ran `exit N`; not an error in itself, and never reported as a diagnostic.
        case exit(Int32)

        /// Whether `on error continue` may go on after a failure of this kind.
        public var isRecoverable: Bool {
            switch self {
            case .command, .waitTimeout, .configuration: true
            case .interrupted, .assertion, .syntax, .exit: false
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

    static func indexOutOfRange(_ index: Int, count: Int) -> SimpleDiagnosticMessage {
        make(#function, "index \(index) is out of range for a list of \(count) element\(count == 1 ? "" : "s")")
    }

    static func interrupted(_ what: String) -> SimpleDiagnosticMessage {
        make(#function, "interrupted while \(what); work already started keeps running in the cloud")
    }

    static func loopLimit(_ limit: Int) -> SimpleDiagnosticMessage {
        make(
            #function,
            "this 'while' loop ran its body \(limit) times, the most one loop may; check that its condition can turn "
                + "false, or end it with 'break'"
        )
    }

    static func missingArgument(_ number: Int, count: Int) -> SimpleDiagnosticMessage {
        make(#function, "'$\(number)' is not given: the script got \(count) argument\(count == 1 ? "" : "s")")
    }

    static func noSuchField(_ name: String, available: [String]) -> SimpleDiagnosticMessage {
        let list = available.isEmpty ? "it has none" : "it has " + available.joined(separator: ", ")
        return make(#function, "the record has no field '\(name)'; \(list)")
    }

    static func noVaultSelected(_ statement: String) -> SimpleDiagnosticMessage {
        make(#function, "'\(statement)' needs a vault: put `vault \"NAME\" size GB` before it")
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

    static var nothingToWaitFor: SimpleDiagnosticMessage {
        make(#function, "'wait' without an ID waits for the last 'backup' of the session, and there is none yet")
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
