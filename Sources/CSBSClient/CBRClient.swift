import Foundation
import Logging

/// The client for Cloud Backup and Recovery (CBR, REST v3), used for the real cloud and the emulator alike.
///
/// Every call goes through ``send(_:method:path:query:body:idempotent:)``: authentication, the 401 re-login,
/// retries of idempotent calls and error mapping live there once.
public struct CBRClient: Sendable {
    public let configuration: ClientConfiguration
    let transport: any HTTPTransport
    let authenticator: Authenticator
    public let clock: any ClientClock
    let logger: Logger
    /// The wall clock for `X-Sdk-Date` and token freshness.
    let currentDate: @Sendable () -> Date

    public init(
        configuration: ClientConfiguration,
        transport: any HTTPTransport = AsyncHTTPTransport(),
        clock: any ClientClock = SystemClock(),
        logger: Logger = Logger(label: "csbs.client"),
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.currentDate = currentDate
        authenticator = Authenticator(
            configuration: configuration, transport: transport, logger: logger, currentDate: currentDate
        )
    }

    /// The project every call is made in: the configured one for access keys, else the token's scope.
    public func projectID() async throws -> String {
        if case .accessKey(let keys) = configuration.credentials { return keys.projectID }
        return try await authenticator.validToken().projectID
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
    ///   - idempotent: whether the call may be re-sent after it may have reached the server (GETs). Creating calls
    ///     are only re-sent when the request provably never left (connection refused) or was refused by auth.
    func send<Response: Decodable>(
        _ operation: String, method: String, path: String, query: [(String, String)] = [],
        body: (any Encodable)? = nil, idempotent: Bool, as type: Response.Type = Response.self
    ) async throws -> Response {
        let response = try await exchange(
            operation, method: method, path: path, query: query, body: body, idempotent: idempotent
        )
        return try ResponseDecoder.decode(Response.self, from: response, operation: operation)
    }

    func exchange(
        _ operation: String, method: String, path: String, query: [(String, String)],
        body: (any Encodable)?, idempotent: Bool
    ) async throws -> HTTPResponse {
        let payload = try body.map { try Self.jsonEncoder.encode($0) }
        var attempt = 1
        var reauthenticated = false
        while true {
            try Task.checkCancellation()
            let token: AuthToken?
            let request: HTTPRequest
            if case .accessKey(let keys) = configuration.credentials {
                token = nil
                request = makeSignedRequest(
                    method: method, path: path, query: query, body: payload, keys: keys, date: currentDate()
                )
            } else {
                let valid = try await authenticator.validToken()
                token = valid
                request = makeRequest(method: method, path: path, query: query, body: payload, token: valid)
            }
            let outcome: Result<HTTPResponse, CSBSError>
            do {
                outcome = .success(try await transport.execute(request, timeout: configuration.requestTimeout, logger: logger))
            } catch let error as CSBSError {
                outcome = .failure(error.with(operation: operation))
            }
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                logger.debug("\(method) \(path) -> \(response.status)")
                return response
            case .success(let response) where response.status == 401 && !reauthenticated:
                guard let token, await authenticator.canRefresh else {
                    throw ServiceErrorParser.error(from: response, operation: operation)
                }
                logger.debug("\(method) \(path) -> 401, obtaining a new token")
                await authenticator.invalidate(token)
                reauthenticated = true
            case .success(let response):
                let error = ServiceErrorParser.error(from: response, operation: operation)
                let retryable = response.status == 429 || (idempotent && response.status >= 500)
                guard retryable, attempt < configuration.retryPolicy.maxAttempts else { throw error }
                let delay = configuration.retryPolicy.delay(
                    beforeRetry: attempt, retryAfter: Self.retryAfter(response.header("Retry-After"))
                )
                logger.debug("\(method) \(path) -> \(response.status), retry \(attempt) in \(delay)")
                try await clock.sleep(for: delay)
                attempt += 1
            case .failure(let error):
                let safe = idempotent && (error.kind == .network || error.kind == .timeout)
                guard safe, attempt < configuration.retryPolicy.maxAttempts else { throw error }
                try await clock.sleep(for: configuration.retryPolicy.delay(beforeRetry: attempt))
                attempt += 1
            }
        }
    }

    private func makeRequest(method: String, path: String, query: [(String, String)], body: Data?, token: AuthToken)
        -> HTTPRequest
    {
        var url = configuration.endpoints.cbr + "/v3/" + token.projectID + path
        if !query.isEmpty {
            url += "?" + query.map { "\(SigningEncoding.percentEncode($0.0))=\(SigningEncoding.percentEncode($0.1))" }.joined(separator: "&")
        }
        var headers = [("X-Auth-Token", token.value), ("Accept", "application/json")]
        if body != nil {
            headers.append(("Content-Type", "application/json;charset=utf-8"))
        }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare for these services and ignored).
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingWhitespace()), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
