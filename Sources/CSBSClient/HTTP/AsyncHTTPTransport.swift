import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// ``HTTPTransport`` over one process-wide AsyncHTTPClient.
///
/// Unlike `HTTPClient.shared`, the client fails a refused connection at once instead of retrying it until the
/// request deadline (retries are the ``RetryPolicy``'s job, which knows which calls may be re-sent), bounds the
/// connect time, and follows no redirects (as the official SDK).
public struct AsyncHTTPTransport: HTTPTransport {
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Responses larger than this are refused rather than buffered.
    public var maximumBodySize: Int

    public init(maximumBodySize: Int = 8 * 1024 * 1024) {
        self.maximumBodySize = maximumBodySize
    }

    public func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(data: body))
        }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        do {
            let response = try await Self.client.execute(outgoing, timeout: .seconds(max(seconds, 1)), logger: logger)
            let buffer: ByteBuffer
            do {
                buffer = try await response.body.collect(upTo: maximumBodySize)
            } catch is NIOTooManyBytesError {
                throw CSBSError(kind: .responseTooLarge, message: "the response body exceeds \(maximumBodySize) bytes")
            }
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Data(buffer: buffer)
            )
        } catch let error as CSBSError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw CSBSError(kind: .timeout, message: "no response within \(timeout)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CSBSError(kind: .network, message: Self.describe(error, url: request.url))
        }
    }

    /// A short, user-facing reason for a transport failure.
    static func describe(_ error: any Error, url: String) -> String {
        let target = URL(string: url).map { "\($0.scheme ?? "http")://\($0.host ?? "?")\($0.port.map { ":\($0)" } ?? "")" } ?? url
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "cannot connect to \(target): timed out"
            case .remoteConnectionClosed: return "\(target) closed the connection"
            case .invalidURL: return "invalid URL \(url)"
            default: return "request to \(target) failed: \(error)"
            }
        }
        switch error {
        case let error as NIOConnectionError:
            return "cannot connect to \(target)" + (error.dnsAAAAError != nil || error.dnsAError != nil ? ": unknown host" : "")
        case let error as IOError:
            return "cannot connect to \(target): " + String(cString: strerror(error.errnoCode)).lowercased()
        default: return "request to \(target) failed: \(error)"
        }
    }
}
