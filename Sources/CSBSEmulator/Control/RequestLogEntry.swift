/// One emulated API request as the emulator saw it: never headers, bodies or credentials.
public struct RequestLogEntry: Codable, Sendable, Equatable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path without the query, e.g. `/v3/0605…/checkpoints`.
    public var path: String
    /// The SDK operation name, when the path is one the SDK calls.
    public var operation: String?
    /// The status sent, or `nil` when the connection was dropped (no response).
    public var status: Int?
    /// The real (not virtual) time the emulator took, in milliseconds.
    public var durationMs: Double
    /// The id of the fault rule that hit the request, if any.
    public var fault: String?

    /// Creates an entry.
    public init(method: String, path: String, operation: String?, status: Int?, durationMs: Double, fault: String?) {
        self.method = method
        self.path = path
        self.operation = operation
        self.status = status
        self.durationMs = durationMs
        self.fault = fault
    }

    enum CodingKeys: String, CodingKey {
        case method, path, operation, status, fault
        case durationMs = "duration_ms"
    }
}
