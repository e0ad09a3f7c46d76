import Foundation
import Logging

/// A request as the client core builds it, before it meets the network.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    /// Absolute URL, query included.
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
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
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// The one way the client core talks to the network, for the emulator and the real cloud alike.
public protocol HTTPTransport: Sendable {
    /// Sends the request and collects the whole response body.
    /// - Throws: ``CSBSError`` of kind `.network`, `.timeout` or `.responseTooLarge`.
    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse
}
