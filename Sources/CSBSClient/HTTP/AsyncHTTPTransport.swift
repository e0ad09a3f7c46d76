import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// ``HTTPTransport`` over a process-wide AsyncHTTPClient (one per distinct ``TLSOptions``).
///
/// Unlike `HTTPClient.shared`, the client fails a refused connection at once instead of retrying it until the
/// request deadline (retries are the ``RetryPolicy``'s job, which knows which calls may be re-sent), bounds the
/// connect time, and follows no redirects (as the official SDK). Bodies are collected up to
/// ``maximumBodySize``; a larger body is refused with `.responseTooLarge` instead of being buffered. The timeout
/// covers the whole exchange, body included: a response that stalls or trickles after its headers ends as a
/// `.timeout`. A request over plain http to a host that is not this machine is refused before it leaves unless
/// ``TLSOptions/allowInsecureHTTP`` is on (``ClientConfiguration/checkTransportSecurity()``).
public struct AsyncHTTPTransport: HTTPTransport {
    /// Responses larger than this are refused rather than buffered.
    public var maximumBodySize: Int
    /// How peers are trusted.
    public let tls: TLSOptions
    private let client: HTTPClient

    /// - Parameters:
    ///   - maximumBodySize: the largest body accepted, in bytes (8 MiB by default).
    ///   - tls: trust settings; the default uses the system trust store.
    ///   - logger: receives the warning when ``TLSOptions/insecureSkipTLSVerification`` is on.
    public init(maximumBodySize: Int = 8 * 1024 * 1024, tls: TLSOptions = .init(), logger: Logger? = nil) {
        self.maximumBodySize = maximumBodySize
        self.tls = tls
        client = HTTPClientPool.client(for: tls)
        if tls.insecureSkipTLSVerification {
            (logger ?? Logger(label: "csbs.client")).warning(
                "TLS certificate verification is OFF (insecureSkipTLSVerification): anyone on the path can read and change this traffic, credentials included"
            )
        }
    }

    public func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        if !tls.allowInsecureHTTP, ClientConfiguration.isPlainHTTPOffThisMachine(request.url) {
            throw ClientConfiguration.plainHTTPRefusal([ClientConfiguration.origin(request.url)])
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(data: body))
        }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        // AsyncHTTPClient logs whole request and response heads (tokens included) at `trace`; it never gets more
        // than `debug`. Our own trace of each exchange is redacted (see `InstrumentedTransport`).
        var libraryLogger = logger
        if libraryLogger.logLevel < .debug { libraryLogger.logLevel = .debug }
        let deadline = NIODeadline.now() + .seconds(max(seconds, 1))
        do {
            let response = try await client.execute(outgoing, deadline: deadline, logger: libraryLogger)
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBodySize {
                throw ClientError(
                    kind: .responseTooLarge, status: Int(response.status.code),
                    message: "the response body (\(length) bytes) exceeds the \(maximumBodySize)-byte limit",
                    requestID: response.headers.first(name: "X-Request-Id")
                )
            }
            let buffer: ByteBuffer
            do {
                buffer = try await Self.collect(response.body, upTo: maximumBodySize, before: deadline, timeout: timeout)
            } catch is NIOTooManyBytesError {
                throw ClientError(
                    kind: .responseTooLarge, status: Int(response.status.code),
                    message: "the response body exceeds the \(maximumBodySize)-byte limit",
                    requestID: response.headers.first(name: "X-Request-Id")
                )
            }
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Data(buffer: buffer)
            )
        } catch let error as ClientError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ClientError(kind: .timeout, message: "no response within \(timeout)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.classify(error, url: request.url)
        }
    }

    /// The body, collected before `deadline` (the one the head had to meet): AsyncHTTPClient's deadline ends when
    /// the head arrives, so the rest of the exchange races a timer here; the loser is cancelled, which closes the
    /// connection of a body that is still coming.
    private static func collect(
        _ body: HTTPClientResponse.Body, upTo limit: Int, before deadline: NIODeadline, timeout: Duration
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                let left = deadline - NIODeadline.now()
                try await Task.sleep(for: .nanoseconds(max(left.nanoseconds, 0)))
                throw ClientError(kind: .timeout, message: "the response body did not arrive within \(timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// Maps a transport failure to a ``ClientError``: TLS failures as `.tls`, everything else as `.network`,
    /// with ``ClientError/requestWasNotSent`` set when no connection was established.
    static func classify(_ error: any Error, url: String) -> ClientError {
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") || typeName.contains("TLS") {
            return ClientError(kind: .tls, message: "TLS with \(target(url)) failed: \(error)", requestWasNotSent: true)
        }
        var classified = ClientError(kind: .network, message: describe(error, url: url))
        switch error {
        case let error as HTTPClientError:
            classified.requestWasNotSent = error == .connectTimeout || error == .invalidURL
        case is NIOConnectionError:
            classified.requestWasNotSent = true
        case let error as IOError:
            classified.requestWasNotSent = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
        default:
            break
        }
        return classified
    }

    private static func target(_ url: String) -> String {
        URL(string: url).map { "\($0.scheme ?? "http")://\($0.host ?? "?")\($0.port.map { ":\($0)" } ?? "")" } ?? url
    }

    /// A short, user-facing reason for a transport failure.
    static func describe(_ error: any Error, url: String) -> String {
        let target = target(url)
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
