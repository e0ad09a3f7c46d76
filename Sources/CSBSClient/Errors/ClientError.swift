/// The one error type of the client core.
///
/// `kind` says what went wrong in a way a program can switch on; for service errors `code` carries the
/// service's own `error_code` (`BackupService.6105`, `APIGW.0301`, `CSBS.3001`, an IAM code), `status` the HTTP
/// status and `requestID` the `X-Request-Id` the service returned. `operation` names the call that failed.
/// Nothing in an error ever contains a token, password or secret key.
public struct ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The service answered with an error status.
        case service
        /// The credentials were refused (HTTP 401/403 or IAM's own refusal).
        case authentication
        /// The request never got an answer: connection refused, reset, DNS.
        case network
        /// The TLS handshake failed: untrusted or expired certificate, wrong host name, protocol mismatch.
        case tls
        /// No answer within the request timeout.
        case timeout
        /// A waiter passed its deadline.
        case waitTimeout
        /// The answer was not what the API documents (not JSON, missing fields, wrong types).
        case decoding
        /// The answer was larger than the client accepts.
        case responseTooLarge
        /// The client was configured in a way it cannot work with.
        case configuration
        /// A creating call's answer was lost and reconciliation could not settle what the service did.
        case ambiguousOutcome
    }

    public var kind: Kind
    public var operation: String?
    public var status: Int?
    public var code: String?
    public var message: String
    public var requestID: String?
    /// True when the request provably never reached the server (the connection was never established), so
    /// re-sending it cannot apply it twice.
    public var requestWasNotSent: Bool = false

    public init(
        kind: Kind, operation: String? = nil, status: Int? = nil, code: String? = nil, message: String,
        requestID: String? = nil, requestWasNotSent: Bool = false
    ) {
        self.requestWasNotSent = requestWasNotSent
        self.kind = kind
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// One line for people: `create vault: BackupService.6101: invalid vault size (HTTP 400, request 1a2b)`.
    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        if let code { text += "\(code): " }
        text += message
        var details: [String] = []
        if let status { details.append("HTTP \(status)") }
        if let requestID { details.append("request \(requestID)") }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return text
    }

    /// Whether a later look may succeed where this call failed after its retries: the network, a timeout,
    /// throttling (429) or a server error (5xx) — not a missing object, a refused request or bad credentials.
    /// Waiters look again after such a failure (``WaitPolicy/failedLooksAllowed``).
    public var mayPassOnItsOwn: Bool {
        switch kind {
        case .network, .timeout: true
        case .service: status.map { $0 == 429 || (500...599).contains($0) } ?? false
        default: false
        }
    }

    func with(operation: String) -> ClientError {
        var copy = self
        if copy.operation == nil { copy.operation = operation }
        return copy
    }
}
