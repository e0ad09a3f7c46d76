import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// ``HTTPTransport`` over AsyncHTTPClient's process-wide shared client.
public struct AsyncHTTPTransport: HTTPTransport {
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
            let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(max(seconds, 1)), logger: logger)
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
            throw CSBSError(kind: .network, message: Self.describe(error))
        }
    }

    /// A short, user-facing reason for a transport failure.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .invalidURL: return "invalid URL"
            default: return "\(error)"
            }
        }
        if let error = error as? NIOConnectionError {
            return "could not connect to \(error.host):\(error.port)"
        }
        if let error = error as? IOError {
            return "connection failed: \(error.description)"
        }
        return "\(error)"
    }
}
