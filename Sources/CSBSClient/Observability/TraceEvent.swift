/// One step of a call, for a `--verbose` trace. Every header value and body excerpt in an event has been
/// through ``Redactor``: tokens, signatures, passwords and secret keys never appear.
///
/// Wire it with ``ClientConfiguration/trace``:
/// ```swift
/// configuration.trace = { event in FileHandle.standardError.write(Data((event.description + "\n").utf8)) }
/// ```
public enum TraceEvent: Sendable, Hashable, CustomStringConvertible {
    /// A request is about to be sent.
    case request(RequestTrace)
    /// A response arrived (any status), or the exchange failed without one.
    case response(ResponseTrace)
    /// The client decided whether to send the call again.
    case retry(RetryTrace)
    /// A creating call's answer was lost and the client looked for what it may have created.
    case reconcile(ReconcileTrace)

    public var description: String {
        switch self {
        case .request(let trace): trace.description
        case .response(let trace): trace.description
        case .retry(let trace): trace.description
        case .reconcile(let trace): trace.description
        }
    }
}

/// A request as sent, redacted.
public struct RequestTrace: Sendable, Hashable, CustomStringConvertible {
    /// The call, e.g. `create vault`; `nil` for calls outside an operation.
    public var operation: String?
    /// 1-based attempt number of this call.
    public var attempt: Int
    public var method: String
    /// The URL; query values named like secrets are redacted.
    public var url: String
    /// Header names and redacted values.
    public var headers: [RedactedHeader]
    /// At most 2 KB of the body, secrets replaced by `<redacted>`; `nil` when there is no body.
    public var body: String?

    public var description: String {
        var text = "→ \(method) \(url)" + (attempt > 1 ? " (attempt \(attempt))" : "")
        for header in headers { text += "\n  \(header.name): \(header.value)" }
        if let body { text += "\n  " + body }
        return text
    }
}

/// A response (or a failure without one), redacted.
public struct ResponseTrace: Sendable, Hashable, CustomStringConvertible {
    public var operation: String?
    public var attempt: Int
    public var method: String
    public var url: String
    /// The HTTP status; `nil` when the exchange failed (see ``failure``).
    public var status: Int?
    /// Time from sending to the full body (monotonic clock).
    public var duration: Duration
    public var requestID: String?
    public var headers: [RedactedHeader]
    /// At most 2 KB of the body, redacted.
    public var body: String?
    /// The failure's description when there was no response.
    public var failure: String?

    public var description: String {
        let outcome = status.map { "HTTP \($0)" } ?? "failed: \(failure ?? "unknown")"
        var text = "← \(method) \(url) \(outcome) in \(Self.format(duration))"
        if let requestID { text += " (request \(requestID))" }
        if let body, !body.isEmpty { text += "\n  " + body }
        return text
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = Int((duration.seconds * 1000).rounded())
        return "\(milliseconds) ms"
    }
}

/// A retry decision: what failed, whether the call is sent again, and after how long.
public struct RetryTrace: Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    /// The attempt that failed (1-based).
    public var attempt: Int
    /// Why the attempt failed (status, error kind).
    public var reason: String
    /// `nil` when the call is not sent again.
    public var delay: Duration?
    /// Why the call is (not) sent again.
    public var decision: String

    public var description: String {
        let next = delay.map { "retry in \(ResponseTrace.format($0))" } ?? "no retry"
        return "↻ \(operation) attempt \(attempt): \(reason); \(next): \(decision)"
    }
}

/// What reconciliation found after a creating call lost its answer.
public struct ReconcileTrace: Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var attempt: Int
    /// What was looked for and what was found.
    public var finding: String

    public var description: String {
        "⚖ \(operation) attempt \(attempt): \(finding)"
    }
}

/// A header name and its value after redaction.
public struct RedactedHeader: Sendable, Hashable {
    public var name: String
    public var value: String
}

/// The receiver of trace events; called synchronously on the calling task, so keep it quick.
public typealias TraceHandler = @Sendable (TraceEvent) -> Void
