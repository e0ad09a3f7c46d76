import CSBSPlatform
import FoundationEssentials
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// ``HTTPTransport`` over SwiftNIO: HTTP/1.1 on kept-alive connections (``HTTP1ConnectionPool``), TLS through
/// NIOSSL, for the emulator and the real cloud alike.
///
/// A refused connection fails at once instead of being retried until the deadline (retries are the
/// ``RetryPolicy``'s job, which knows which calls may be re-sent); the connect time is bounded; redirects are
/// answers, never followed (as the official SDK). Bodies are collected up to ``maximumBodySize``; a larger body is
/// refused with `.responseTooLarge` instead of being buffered. The timeout covers the whole exchange, connection
/// and body included: a response that stalls or trickles after its headers ends as a `.timeout`. A request over
/// plain http to a host that is not this machine is refused before it leaves unless
/// ``TLSOptions/allowInsecureHTTP`` is on (``ClientConfiguration/checkTransportSecurity()``).
///
/// Why not AsyncHTTPClient (used until December 2026): its connection pool, HTTP/2 and proxy machinery cost a
/// one-shot `csbs -c …` about a quarter of its start-up in first-use runtime look-ups, and brought about 1,300
/// protocol conformance records (NIOHTTP2, NIOSOCKS, swift-system, …) that every look-up scans; csbs uses none of
/// it (BENCHMARKS.md, "Seed flow").
public struct HTTP1Transport: HTTPTransport {
    /// Responses larger than this are refused rather than buffered.
    public var maximumBodySize: Int
    /// A kept-alive connection idle for longer than this is closed instead of carrying the next request (30 s:
    /// in a shell session a connection can sit for hours, and a peer or a NAT may have dropped it silently).
    public var maximumIdle: Duration = .seconds(30)
    /// How peers are trusted.
    public let tls: TLSOptions
    private let connections: HTTP1ConnectionPool

    /// - Parameters:
    ///   - maximumBodySize: the largest body accepted, in bytes (8 MiB by default).
    ///   - tls: trust settings; the default uses the system trust store.
    ///   - logger: receives the warning when ``TLSOptions/insecureSkipTLSVerification`` is on.
    public init(maximumBodySize: Int = 8 * 1024 * 1024, tls: TLSOptions = .init(), logger: Logger? = nil) {
        self.maximumBodySize = maximumBodySize
        self.tls = tls
        connections = HTTP1ConnectionPool.shared(for: tls)
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
        guard let target = HTTP1Target(url: request.url) else {
            throw ClientError(kind: .network, message: "invalid URL \(request.url)", requestWasNotSent: true)
        }
        var headers = HTTPHeaders()
        for (name, value) in request.headers {
            headers.add(name: name, value: value)
        }
        if !headers.contains(name: "Host") { headers.add(name: "Host", value: target.authority) }
        let body = request.body.map { ByteBuffer(bytes: $0) }
        if body != nil || !["GET", "HEAD", "DELETE", "OPTIONS"].contains(request.method) {
            headers.replaceOrAdd(name: "Content-Length", value: String(body?.readableBytes ?? 0))
        }
        let head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: target.requestURI, headers: headers
        )
        let deadline = NIODeadline.now() + .nanoseconds(max(Self.nanoseconds(timeout), 1))
        do {
            let outcome = try await connections.send(
                head: head, body: body, limit: maximumBodySize, to: target, deadline: deadline,
                maximumIdle: .nanoseconds(Self.nanoseconds(maximumIdle))
            )
            return HTTPResponse(
                status: Int(outcome.head.status.code),
                headers: outcome.head.headers.map { ($0.name, $0.value) },
                body: Data(outcome.body.readableBytesView)
            )
        } catch is CancellationError {
            throw CancellationError()
        } catch let failure as HTTP1Failure {
            throw describe(failure, target: target, timeout: timeout)
        } catch {
            throw Self.classify(error, url: request.url)
        }
    }

    /// Opens a connection to `url`'s origin in the background, so that the first request finds it ready: a
    /// one-shot run does its own start-up meanwhile on the other core. Never for a URL a request could not go to.
    public func prepare(_ url: String) {
        if !tls.allowInsecureHTTP, ClientConfiguration.isPlainHTTPOffThisMachine(url) { return }
        guard let target = HTTP1Target(url: url) else { return }
        connections.prepare(target)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    private func describe(_ failure: HTTP1Failure, target: HTTP1Target, timeout: Duration) -> ClientError {
        switch failure {
        case .timedOut:
            ClientError(kind: .timeout, message: "no response within \(timeout)")
        case .closedBeforeResponse:
            ClientError(kind: .network, message: "\(Self.target(target)) closed the connection")
        case .closedBeforeRequest:
            ClientError(
                kind: .network, message: "\(Self.target(target)) closed the connection before the request was sent",
                requestWasNotSent: true
            )
        case .bodyTooLarge(let status, let declared, let requestID):
            ClientError(
                kind: .responseTooLarge, status: status,
                message: "the response body\(declared.map { " (\($0) bytes)" } ?? "") exceeds the \(maximumBodySize)-byte limit",
                requestID: requestID
            )
        }
    }

    /// Maps a failure of the socket or TLS layer to a ``ClientError``: TLS failures as `.tls`, everything else
    /// as `.network`, with ``ClientError/requestWasNotSent`` set when no connection was established.
    static func classify(_ error: any Error, url: String) -> ClientError {
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") || typeName.contains("TLS") {
            return ClientError(
                kind: .tls, message: "TLS with \(target(url)) failed: \(tlsReason(error))", requestWasNotSent: true
            )
        }
        var classified = ClientError(kind: .network, message: describe(error, url: url))
        switch error {
        case let error as ChannelError:
            classified.requestWasNotSent = error.isConnectTimeout
        case is NIOConnectionError:
            classified.requestWasNotSent = true
        case let error as IOError:
            classified.requestWasNotSent = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
        default:
            break
        }
        return classified
    }

    /// Why a TLS handshake failed, in words for the person who can fix it: BoringSSL's own text names the
    /// source file of the check that failed, which helps nobody.
    static func tlsReason(_ error: any Error) -> String {
        if (error as? NIOSSLExtraError) == .failedToValidateHostname {
            return "its certificate is not for this host name or address"
        }
        if (error as? NIOSSLError) == .uncleanShutdown {
            return "the server closed the connection without ending TLS"
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "its certificate is not signed by an authority this machine trusts (--ca-bundle adds one)"
        }
        // `error:1000007d:SSL routines:OPENSSL_internal:REASON at /path/file.cc:320`: the reason alone.
        if let routines = text.firstRange(of: "OPENSSL_internal:") {
            let reason = text[routines.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !reason.isEmpty { return "the handshake failed (\(reason.lowercased().replacingAll("_", with: " ")))" }
        }
        return "the handshake failed (\(String(reflecting: type(of: error)).split(separator: ".").last ?? ""))"
    }

    private static func target(_ target: HTTP1Target) -> String {
        (target.secure ? "https://" : "http://") + target.authority
    }

    private static func target(_ url: String) -> String {
        HTTP1Target(url: url).map(target) ?? url
    }

    /// A short, user-facing reason for a transport failure.
    static func describe(_ error: any Error, url: String) -> String {
        let target = target(url)
        switch error {
        case let error as ChannelError where error.isConnectTimeout:
            return "cannot connect to \(target): timed out"
        case let error as NIOConnectionError:
            return "cannot connect to \(target)" + (error.dnsAAAAError != nil || error.dnsAError != nil ? ": unknown host" : "")
        case let error as IOError:
            return "cannot connect to \(target): " + String(cString: strerror(error.errnoCode)).lowercased()
        default:
            return "request to \(target) failed: \(error)"
        }
    }
}

extension ChannelError {
    fileprivate var isConnectTimeout: Bool {
        if case .connectTimeout = self { return true }
        return false
    }
}
