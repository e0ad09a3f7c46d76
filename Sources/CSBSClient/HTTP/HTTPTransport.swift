import CSBSPlatform
import FoundationEssentials
import Logging

/// A request as the client core builds it, before it meets the network.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    /// Absolute URL, query included.
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?
    /// The call the request belongs to (operation, path parameters, attempt, the caller's expectation); never
    /// sent. Traces print its operation; a backend that answers without a network (the dry run) reads it.
    /// Not part of equality.
    public var call: CallMetadata?

    public init(
        method: String, url: String, headers: [(String, String)] = [], body: Data? = nil, call: CallMetadata? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.call = call
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(url)
        hasher.combine(body)
    }
}

/// What the client knows about a request beyond its bytes.
public struct CallMetadata: Sendable {
    /// The operation.
    public var operation: APIOperation
    /// The values of the operation's path placeholders, in order, not encoded.
    public var pathParameters: [String]
    /// The query, not encoded.
    public var query: [(String, String)]
    /// 1-based attempt number.
    public var attempt: Int
    /// What the caller expects of a look-up.
    public var intent: LookupIntent

    public init(
        operation: APIOperation, pathParameters: [String] = [], query: [(String, String)] = [], attempt: Int = 1,
        intent: LookupIntent = .plain
    ) {
        self.operation = operation
        self.pathParameters = pathParameters
        self.query = query
        self.attempt = attempt
        self.intent = intent
    }

    /// The value of the first query parameter called `name`.
    public func query(_ name: String) -> String? {
        query.first { $0.0 == name }?.1
    }

    /// The path parameter at `index`, or an empty string.
    public func parameter(_ index: Int) -> String {
        index < pathParameters.count ? pathParameters[index] : ""
    }
}

/// What the caller of a look-up expects to find. A real service ignores it; a backend that must invent its
/// answers (the dry run) uses it for what the request alone cannot decide.
public enum LookupIntent: Sendable, Hashable {
    /// No expectation: an object the caller names exists.
    case plain
    /// The caller creates what it does not find, so only objects this run created are found.
    case createsIfMissing
    /// The caller looks for an object with this name in a list that the request does not filter by name.
    case expectsName(String)
}

/// A fully collected response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.equalsIgnoringASCIICase(name) }?.1
    }
}

/// The one way the client core talks to the network, for the emulator and the real cloud alike.
public protocol HTTPTransport: Sendable {
    /// Sends the request and collects the whole response body.
    /// - Throws: ``ClientError`` of kind `.network`, `.timeout` or `.responseTooLarge`.
    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse

    /// Starts opening a connection to the origin of `url` for requests to come, when the transport keeps
    /// connections; sends nothing and reports nothing (a failure is the first request's to report).
    func prepare(_ url: String)
}

extension HTTPTransport {
    /// Nothing to prepare: the transport keeps no connections.
    public func prepare(_ url: String) {}
}
