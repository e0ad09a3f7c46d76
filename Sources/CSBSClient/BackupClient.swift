import FoundationEssentials
import Logging

/// The client for Cloud Backup and Recovery (CBR, REST v3), used for the real cloud and the emulator alike.
///
/// Every call goes through ``perform(_:method:path:query:body:safety:decode:)``: authentication, the 401
/// re-login, pacing, tracing, retries and reconciliation of creating calls, and error mapping live there once.
public struct BackupClient: Sendable {
    public let configuration: ClientConfiguration
    /// The transport with pacing and tracing around the one given to `init`.
    private(set) var transport: any HTTPTransport
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
    ///   - transport: the network; `nil` uses ``HTTP1Transport`` with the configuration's ``TLSOptions``.
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
        let network = transport ?? HTTP1Transport(tls: configuration.tls, logger: logger)
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
        Self.announce(configuration)
    }

    /// Starts opening a connection to CBR (the service nearly every script calls first) in the background, so
    /// that the first request finds it ready; sends nothing.
    public func prepareConnection() {
        transport.prepare(configuration.endpoints.cbr)
    }

    /// Tells the configuration's notice handler, once per client, where credentials go when a person should know:
    /// IAM on another site than the services, or plain http allowed to another machine.
    private static func announce(_ configuration: ClientConfiguration) {
        guard let notice = configuration.notice else { return }
        let endpoints = configuration.endpoints
        if endpoints.iamIsOnAnotherSite {
            let services = [endpoints.cbr, endpoints.csbs].map(ClientConfiguration.origin)
            notice(
                .iamOnAnotherSite(
                    iam: ClientConfiguration.origin(endpoints.iam),
                    services: services.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                )
            )
        }
        let exposed = configuration.plainHTTPEndpointsOffThisMachine
        if configuration.tls.allowInsecureHTTP, !exposed.isEmpty {
            notice(.plainHTTPAllowed(exposed))
        }
    }

    /// This client without the request trace, for work the user did not ask for (the shell's background refresh
    /// of completion data), whose trace lines would land over what they are typing; an IAM login it starts is not
    /// traced either. Pacing, the token and the connection pool stay shared.
    public func untraced() -> BackupClient {
        guard let instrumented = transport as? InstrumentedTransport, instrumented.trace != nil else { return self }
        var copy = self
        copy.transport = InstrumentedTransport(
            inner: instrumented.inner, bucket: instrumented.bucket, trace: nil, clock: instrumented.clock
        )
        return copy
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

    /// Sends one call with a body and decodes its answer.
    ///
    /// - Parameters:
    ///   - endpoint: what is called, with its body and answer types; its operation's ``APIOperation/retryKind``
    ///     says what may be re-sent.
    ///   - parameters: the values of the operation's path placeholders, in order.
    ///   - reconciler: for a creating operation, how to find its effect when the answer is lost; without one a
    ///     creating call whose answer was lost is reported, never re-sent.
    ///   - intent: what the caller expects of a look-up (see ``LookupIntent``).
    func send<Body, Response: Decodable>(
        _ endpoint: Endpoint<Body, Response>, _ parameters: String..., query: [(String, String)] = [], body: Body,
        reconciler: Reconciler<Response>? = nil, intent: LookupIntent = .plain
    ) async throws -> Response {
        try await call(endpoint, parameters, query: query, body: body, reconciler: reconciler, intent: intent)
    }

    /// Sends one call without a body and decodes its answer.
    func send<Response: Decodable>(
        _ endpoint: Endpoint<NoBody, Response>, _ parameters: String..., query: [(String, String)] = [],
        reconciler: Reconciler<Response>? = nil, intent: LookupIntent = .plain
    ) async throws -> Response {
        try await call(endpoint, parameters, query: query, body: nil, reconciler: reconciler, intent: intent)
    }

    /// Sends one call whose success has no body (204, 202).
    func sendExpectingNoContent<Body>(
        _ endpoint: Endpoint<Body, NoContent>, _ parameters: String..., query: [(String, String)] = [], body: Body,
        reconciler: Reconciler<Void>? = nil
    ) async throws {
        let call = CallMetadata(operation: endpoint.operation, pathParameters: parameters, query: query)
        try await perform(call, body: body, safety: CallSafety(endpoint.operation.retryKind, reconciler)) { _ in }
    }

    /// Sends one call without a body whose success has no body either (204, 202).
    func sendExpectingNoContent(
        _ endpoint: Endpoint<NoBody, NoContent>, _ parameters: String..., query: [(String, String)] = [],
        reconciler: Reconciler<Void>? = nil
    ) async throws {
        let call = CallMetadata(operation: endpoint.operation, pathParameters: parameters, query: query)
        try await perform(call, body: nil, safety: CallSafety(endpoint.operation.retryKind, reconciler)) { _ in }
    }

    private func call<Body, Response: Decodable>(
        _ endpoint: Endpoint<Body, Response>, _ parameters: [String], query: [(String, String)], body: Body?,
        reconciler: Reconciler<Response>?, intent: LookupIntent
    ) async throws -> Response {
        let operation = endpoint.operation
        let call = CallMetadata(operation: operation, pathParameters: parameters, query: query, intent: intent)
        return try await perform(call, body: body, safety: CallSafety(operation.retryKind, reconciler)) {
            try ResponseDecoder.decode(Response.self, from: $0, operation: operation.name)
        }
    }
}
