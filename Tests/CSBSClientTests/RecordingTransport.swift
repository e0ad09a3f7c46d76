import CSBSClient
import Foundation
import Logging
import Synchronization

/// The real transport, recording what went over the wire (method and path) for assertions.
final class RecordingTransport: HTTPTransport, Sendable {
    private let inner = HTTP1Transport()
    private let log = Mutex<[String]>([])

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        let path = URL(string: request.url)?.path ?? request.url
        log.withLock { $0.append("\(request.method) \(path)") }
        return try await inner.execute(request, timeout: timeout, logger: logger)
    }

    var requests: [String] { log.withLock { $0 } }
}
