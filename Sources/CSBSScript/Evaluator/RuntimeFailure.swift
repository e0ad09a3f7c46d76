import CSBSClient
import CSBSSyntax

/// Why a run stopped early. The category picks the process exit status.
public struct RuntimeFailure: Error, Sendable {
    public enum Category: Sendable, Hashable {
        /// A command or API call failed.
        case command
        /// A `wait` passed its timeout.
        case waitTimeout
        /// The run was cancelled (Ctrl-C).
        case interrupted
    }

    public var category: Category
    public var diagnostic: Diagnostic
    /// The client error behind it, if any.
    public var underlying: CSBSError?

    public init(category: Category, diagnostic: Diagnostic, underlying: CSBSError? = nil) {
        self.category = category
        self.diagnostic = diagnostic
        self.underlying = underlying
    }
}

/// The interpreter's own diagnostic messages, alphabetical, each id taken from its name.
enum RuntimeMessages {
    static func ambiguousVault(_ name: String, count: Int) -> SimpleDiagnosticMessage {
        make(#function, "\(count) vaults are named \"\(name)\"; rename or delete the extras so the name picks one")
    }

    static func backupFailed(_ id: String, status: String) -> SimpleDiagnosticMessage {
        make(#function, "checkpoint \(id) ended in status '\(status)'")
    }

    static func interrupted(_ what: String) -> SimpleDiagnosticMessage {
        make(#function, "interrupted while \(what); work already started keeps running in the cloud")
    }

    static func noVaultSelected(_ statement: String) -> SimpleDiagnosticMessage {
        make(#function, "'\(statement)' needs a vault: put `vault \"NAME\" size GB` before it")
    }

    /// A failed call, with an id by what failed: the service said no, the credentials were refused, the
    /// service could not be reached, or it answered something the API does not document.
    static func clientError(_ error: CSBSError) -> SimpleDiagnosticMessage {
        let name = switch error.kind {
        case .service: "serviceError"
        case .authentication: "authenticationFailed"
        case .network, .timeout: "connectionFailed"
        case .decoding, .responseTooLarge: "unexpectedResponse"
        case .configuration: "configurationError"
        case .waitTimeout: "waitTimeout"
        }
        return make(name, error.description)
    }

    static func waitTimeout(_ error: CSBSError) -> SimpleDiagnosticMessage {
        make(#function, error.message + "; it keeps running in the cloud")
    }

    private static func make(_ function: String, _ message: String) -> SimpleDiagnosticMessage {
        let name = String(function.prefix { $0 != "(" })
        return SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: name), message: message)
    }
}
