import Foundation
import Logging

/// The client for Cloud Backup and Recovery (CBR, REST v3), used for the real cloud and the emulator alike.
///
/// Every call goes through ``perform(_:method:path:query:body:safety:decode:)``: authentication, the 401
/// re-login, pacing, tracing, retries and reconciliation of creating calls, and error mapping live there once.
public struct CBRClient: Sendable {
    public let configuration: ClientConfiguration
    /// The transport with pacing and tracing around the one given to `init`.
    let transport: any HTTPTransport
    let authenticator: Authenticator
    /// Finds the project id by region when the credentials carry none.
    let projects: ProjectResolver
    public let clock: any ClientClock
    let logger: Logger
    /// The wall clock for `X-Sdk-Date`, token freshness and reconciliation windows.
    public let currentDate: @Sendable () -> Date
    /// A number in 0…1 for retry jitter; injectable so tests can pin delays.
    let random: @Sendable () -> Double

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: account, endpoints and behaviour.
    ///   - transport: the network; `nil` uses ``AsyncHTTPTransport`` with the configuration's ``TLSOptions``.
    ///   - clock: what the client sleeps with (retries, pacing, waiters).
    ///   - logger: swift-log logger; requests are logged at `debug`, request details at `trace`, redacted.
    ///   - currentDate: the wall clock.
    ///   - random: a source of numbers in 0…1 for retry jitter.
    public init(
        configuration: ClientConfiguration,
        transport: (any HTTPTransport)? = nil,
        clock: any ClientClock = SystemClock(),
        logger: Logger = Logger(label: "csbs.client"),
        currentDate: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.configuration = configuration
        let network = transport ?? AsyncHTTPTransport(tls: configuration.tls, logger: logger)
        self.transport = InstrumentedTransport(
            inner: network, bucket: configuration.pacing.map { TokenBucket(pacing: $0, clock: clock) },
            trace: configuration.trace, clock: clock
        )
        self.clock = clock
        self.logger = logger
        self.currentDate = currentDate
        self.random = random
        authenticator = Authenticator(
            configuration: configuration, transport: self.transport, logger: logger, currentDate: currentDate,
            clock: clock, random: random
        )
        projects = ProjectResolver(
            configuration: configuration, transport: self.transport, logger: logger, currentDate: currentDate
        )
    }

    /// The project every call is made in: the configured one for access keys, else the token's scope; looked up
    /// by region in IAM when the configuration has none.
    public func projectID() async throws -> String {
        if case .accessKey(let keys) = configuration.credentials {
            return keys.projectID.isEmpty ? try await projects.projectID() : keys.projectID
        }
        let token = try await authenticator.validToken()
        return token.projectID.isEmpty ? try await projects.projectID() : token.projectID
    }

    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Sends one CBR call and decodes its answer.
    ///
    /// - Parameters:
    ///   - path: the path after `/v3/{project_id}`, e.g. `/vaults`.
    ///   - idempotent: whether the call may be re-sent after it may have reached the server (GET, PUT). Other
    ///     calls are re-sent only when the request provably never left (connection refused) or on 429.
    func send<Response: Decodable & Sendable>(
        _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: (any Encodable)? = nil, idempotent: Bool, as type: Response.Type = Response.self
    ) async throws -> Response {
        try await send(
            operation, method: method, path: path, query: query, body: body,
            safety: idempotent ? .idempotent : .nonIdempotent
        )
    }

    /// Sends one CBR call with an explicit ``CallSafety`` and decodes its answer.
    func send<Response: Decodable & Sendable>(
        _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: (any Encodable)? = nil, safety: CallSafety<Response>, as type: Response.Type = Response.self
    ) async throws -> Response {
        try await perform(operation, method: method, path: path, query: query, body: body, safety: safety) {
            try ResponseDecoder.decode(Response.self, from: $0, operation: operation)
        }
    }

    /// Sends one CBR call whose success has no body (204, 202).
    func sendExpectingNoContent(
        _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: (any Encodable)? = nil, safety: CallSafety<Void>
    ) async throws {
        try await perform(operation, method: method, path: path, query: query, body: body, safety: safety) { _ in }
    }
}
