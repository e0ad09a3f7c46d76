/// A fault the emulator injects into matching requests (`POST /csbs-emulator/v1/faults`, `csbs serve --fault`,
/// ``EmulatorControl/addFault(_:)``).
///
/// Matching: ``operation`` is an official SDK operation name (`create_checkpoint`) or `*` for every
/// emulated API call (never the control API). With ``count`` only the next N matching requests are hit;
/// with ``probability`` each matching request is hit with that chance. What happens to a hit request:
/// ``latencyMs`` first, then the error response (``status``/``errorCode``/``errorMessage``/``retryAfter``)
/// or, with ``drop``, a closed connection and no response. ``phase`` `after` lets the service apply the
/// request first (a lost response). ``checkpointError`` lets `create_checkpoint` succeed but its checkpoint
/// and backups end in `error`.
public struct FaultRule: Codable, Sendable, Equatable {
    /// When the fault replaces the response.
    public enum Phase: String, Codable, Sendable {
        /// Before the service sees the request: nothing is applied.
        case before
        /// After the service applied the request: the response is lost or replaced.
        case after
    }

    /// The id the emulator gives the rule (ignored on input).
    public var id: String?
    /// An SDK operation name, or `*`.
    public var operation: String
    /// The chance (0…1) that a matching request is hit; `nil` means always.
    public var probability: Double?
    /// Only the next N matching requests are hit; `nil` means no limit.
    public var count: Int?
    /// The HTTP status of the injected error (default 500, or 429 for a throttling code).
    public var status: Int?
    /// The error code, e.g. `BackupService.9910` (CBR body) or `APIGW.0308` (gateway body, by its `APIGW.` prefix).
    public var errorCode: String?
    /// The error message.
    public var errorMessage: String?
    /// A `Retry-After` header value, in seconds.
    public var retryAfter: Int?
    /// Extra latency before anything else happens, in milliseconds.
    public var latencyMs: Int?
    /// Close the connection instead of answering.
    public var drop: Bool?
    /// Before or after the service handles the request (default `before`).
    public var phase: Phase?
    /// `create_checkpoint` succeeds, but the checkpoint and its backups end in `error`.
    public var checkpointError: Bool?

    /// Creates a rule; see the type's documentation for the fields.
    public init(
        operation: String = "*", probability: Double? = nil, count: Int? = nil, status: Int? = nil,
        errorCode: String? = nil, errorMessage: String? = nil, retryAfter: Int? = nil, latencyMs: Int? = nil,
        drop: Bool? = nil, phase: Phase? = nil, checkpointError: Bool? = nil
    ) {
        self.operation = operation
        self.probability = probability
        self.count = count
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.retryAfter = retryAfter
        self.latencyMs = latencyMs
        self.drop = drop
        self.phase = phase
        self.checkpointError = checkpointError
    }

    enum CodingKeys: String, CodingKey {
        case id, operation, probability, count, status, drop, phase
        case errorCode = "error_code"
        case errorMessage = "error_msg"
        case retryAfter = "retry_after"
        case latencyMs = "latency_ms"
        case checkpointError = "checkpoint_error"
    }

    /// Why the rule cannot be used, or `nil` when it is valid.
    public var problem: String? {
        if operation.isEmpty { return "operation must be an SDK operation name or *" }
        if operation != "*" && !EmulatedAPI.operationNames.contains(operation) {
            return "unknown operation '\(operation)'"
        }
        if let probability, !(0...1).contains(probability) { return "probability must be between 0 and 1" }
        if let count, count < 1 { return "count must be at least 1" }
        if let status, !(400...599).contains(status) { return "status must be between 400 and 599" }
        if let retryAfter, retryAfter < 0 { return "retry_after must not be negative" }
        if let latencyMs, !(0...600_000).contains(latencyMs) { return "latency_ms must be between 0 and 600000" }
        if checkpointError == true && operation != "create_checkpoint" {
            return "checkpoint_error applies to create_checkpoint only"
        }
        return nil
    }

    /// Whether a hit answers with an error (as opposed to only adding latency or marking a checkpoint).
    var answersWithError: Bool {
        drop != true && (status != nil || errorCode != nil)
    }

    /// The HTTP status of the injected error.
    var effectiveStatus: Int {
        if let status { return status }
        return errorCode == FaultRule.throttlingCode ? 429 : 500
    }

    /// The gateway's throttling code.
    static let throttlingCode = "APIGW.0308"
}
