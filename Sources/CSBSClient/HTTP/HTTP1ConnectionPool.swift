import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Where a request goes: one pool of kept-alive connections per distinct target.
struct HTTP1Target: Hashable, Sendable {
    var secure: Bool
    /// The host as the socket layer wants it (IPv6 literals without brackets).
    var host: String
    var port: Int
    /// `host[:port]` as written in the URL, for the `Host` header.
    var authority: String
    /// Path and query as written (already percent-encoded), never empty.
    var requestURI: String

    /// The origin, for pooling (the request URI is not part of it).
    var origin: HTTP1Target {
        var origin = self
        origin.requestURI = ""
        return origin
    }

    /// Parses an absolute `http` or `https` URL; `nil` for anything else.
    init?(url: String) {
        let schemeEnd = url.firstRange(of: "://")
        guard let schemeEnd else { return nil }
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "http": secure = false
        case "https": secure = true
        default: return nil
        }
        let split = SigningEncoding.splitURL(url)
        authority = split.authority
        var rest = Substring(split.rest)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        requestURI = rest.isEmpty ? "/" : (rest.hasPrefix("?") ? "/" + rest : String(rest))
        var hostPart = Substring(authority)
        var portText: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portText = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: { $0.isWhitespace || $0 == "@" }) else { return nil }
        host = String(hostPart)
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else { return nil }
            port = value
        } else {
            port = secure ? 443 : 80
        }
    }

    /// The socket address when the host is an IP literal (which TLS may not name in SNI, and which needs no
    /// name resolution).
    var address: SocketAddress? {
        try? SocketAddress(ipAddress: host, port: port)
    }
}

/// The process's kept-alive HTTP/1.1 connections for one ``TLSOptions``: created on first use, kept for the life
/// of the process, all on one event loop thread (the client's work is waiting on the network; a loop per core
/// would only add a thread, and its malloc arena, to every start). A registry rather than per-transport state
/// because transports are freely copied values.
final class HTTP1ConnectionPool: Sendable {
    private static let pools = Mutex<[TLSOptions: HTTP1ConnectionPool]>([:])
    private static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// Idle connections kept per origin; a parallel loop needs one per request in flight.
    static let idleLimit = 32
    /// The longest a connection may take to be established, within the request's own deadline.
    static let connectTimeout = TimeAmount.seconds(10)

    static func shared(for tls: TLSOptions) -> HTTP1ConnectionPool {
        pools.withLock { pools in
            if let existing = pools[tls] { return existing }
            let pool = HTTP1ConnectionPool(tls: tls)
            pools[tls] = pool
            return pool
        }
    }

    private let tls: TLSOptions
    /// Connections waiting for a request, each with the time it became idle, newest last.
    private let idle = Mutex<[HTTP1Target: [(channel: any Channel, since: NIODeadline)]]>([:])
    /// Connections being opened by ``prepare(_:)``. Locked before `idle` when both are.
    private let pending = Mutex<[HTTP1Target: EventLoopFuture<any Channel>]>([:])
    /// Made on the first https request: reading the system's trust store is not free.
    private let context = Mutex<Result<NIOSSLContext, any Error>?>(nil)

    private init(tls: TLSOptions) {
        self.tls = tls
    }

    /// Sends one request to `target` over a kept-alive connection or a new one and waits for its answer, which
    /// must be complete before `deadline`.
    /// - Parameter maximumIdle: a kept connection idle for longer is closed rather than used: a peer or a NAT on
    ///   the path may have dropped it without a word, and a request written into it would wait for its whole
    ///   deadline.
    func send(
        head: HTTPRequestHead, body: ByteBuffer?, limit: Int, to target: HTTP1Target, deadline: NIODeadline,
        maximumIdle: TimeAmount
    ) async throws -> HTTP1Exchange.Outcome {
        let origin = target.origin
        let loop = Self.eventLoops.next()
        let exchange = HTTP1Exchange(
            head: head, body: body, limit: limit, promise: loop.makePromise(of: HTTP1Exchange.Outcome.self)
        )
        let timer = loop.scheduleTask(deadline: deadline) { exchange.abandon(HTTP1Failure.timedOut) }
        defer { timer.cancel() }
        // Connecting and writing happen on the event loop, chained, so that nothing waits for this task to be
        // scheduled again between the two (a busy cooperative pool must not eat the deadline).
        if let kept = takeIdle(origin, maximumIdle: maximumIdle) {
            exchange.send(on: kept)
        } else if let prepared = pending.withLock({ $0[origin] }) {
            // A connection opened ahead (``prepare(_:)``) and still on its way: this request is what it was for.
            // Its failure is this request's failure to connect.
            prepared.whenComplete { result in
                switch result {
                case .success:
                    if let kept = self.takeIdle(origin, maximumIdle: maximumIdle) {
                        exchange.send(on: kept)
                    } else {
                        self.connectAndSend(exchange, to: origin, on: loop, deadline: deadline)
                    }
                case .failure(let error): exchange.finish(.failure(error))
                }
            }
        } else {
            connectAndSend(exchange, to: origin, on: loop, deadline: deadline)
        }
        let outcome = try await withTaskCancellationHandler {
            try await exchange.outcome.get()
        } onCancel: {
            exchange.abandon(CancellationError())
        }
        if outcome.keepAlive, let channel = exchange.channel { putIdle(channel, origin) }
        return outcome
    }

    private func connectAndSend(
        _ exchange: HTTP1Exchange, to origin: HTTP1Target, on loop: any EventLoop, deadline: NIODeadline
    ) {
        connect(origin, on: loop, deadline: deadline).whenComplete { result in
            switch result {
            case .success(let channel): exchange.send(on: channel)
            case .failure(let error): exchange.finish(.failure(error))
            }
        }
    }

    /// Opens a connection to `target`'s origin for a request to come, unless one is kept or on its way. Nothing
    /// is sent; the connection waits in the pool, and a request that finds it still being opened waits for it.
    func prepare(_ target: HTTP1Target) {
        let origin = target.origin
        let loop = Self.eventLoops.next()
        pending.withLock { pending in
            guard pending[origin] == nil, idle.withLock({ $0[origin]?.isEmpty ?? true }) else { return }
            let connecting = connect(origin, on: loop, deadline: .now() + Self.connectTimeout)
            pending[origin] = connecting
            // Registered before any request can find the pending connection, so it is in the pool before a
            // waiting request looks for it.
            connecting.whenComplete { result in
                self.pending.withLock { $0[origin] = nil }
                if case .success(let channel) = result { self.putIdle(channel, origin) }
            }
        }
    }

    private func takeIdle(_ origin: HTTP1Target, maximumIdle: TimeAmount) -> (any Channel)? {
        let oldest = NIODeadline.now() - maximumIdle
        let (kept, stale) = idle.withLock { idle -> ((any Channel)?, [any Channel]) in
            let entries = idle[origin] ?? []
            let stale = entries.filter { $0.since < oldest }.map(\.channel)
            var fresh = entries.filter { $0.since >= oldest && $0.channel.isActive }
            let kept = fresh.popLast()?.channel
            idle[origin] = fresh
            return (kept, stale)
        }
        for channel in stale { channel.close(promise: nil) }
        return kept
    }

    private func putIdle(_ channel: any Channel, _ origin: HTTP1Target) {
        let kept = idle.withLock { idle in
            guard channel.isActive, idle[origin, default: []].count < Self.idleLimit else { return false }
            idle[origin, default: []].append((channel, .now()))
            return true
        }
        if !kept { channel.close(promise: nil) }
    }

    private func forget(_ channel: any Channel, _ origin: HTTP1Target) {
        idle.withLock { idle in
            idle[origin]?.removeAll { $0.channel === channel }
        }
    }

    private func connect(
        _ origin: HTTP1Target, on loop: any EventLoop, deadline: NIODeadline
    ) -> EventLoopFuture<any Channel> {
        let tlsContext: NIOSSLContext?
        do {
            tlsContext = origin.secure ? try sslContext() : nil
        } catch {
            return loop.makeFailedFuture(error)
        }
        // A connection is handed out once it can carry a request: a TLS handshake that fails is the
        // connection's failure (nothing was sent), never the first request's.
        let ready = loop.makePromise(of: Void.self)
        let address = origin.address
        let serverName = address == nil ? origin.host : nil
        let left = deadline - .now()
        guard left > .zero else { return loop.makeFailedFuture(HTTP1Failure.timedOut) }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(min(left, Self.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tlsContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                    }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(HTTP1ExchangeHandler(secure: tlsContext != nil, ready: ready))
                }
            }
        // An address is connected to as it is: name resolution and Happy Eyeballs cost a third of the
        // instructions of a first request to the built-in emulator (callgrind), and have nothing to choose from.
        let connected = address.map { bootstrap.connect(to: $0) } ?? bootstrap.connect(host: origin.host, port: origin.port)
        connected.whenFailure { ready.fail($0) }
        return connected.flatMap { channel in
            channel.closeFuture.whenComplete { [weak self] _ in self?.forget(channel, origin) }
            return ready.futureResult.map { channel }
        }
    }

    private func sslContext() throws -> NIOSSLContext {
        try context.withLock { context in
            if let context { return try context.get() }
            let made = Result {
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.applicationProtocols = ["http/1.1"]
                if let path = tls.caBundlePath {
                    configuration.additionalTrustRoots = [.file(path)]
                }
                if tls.insecureSkipTLSVerification {
                    configuration.certificateVerification = .none
                }
                return try NIOSSLContext(configuration: configuration)
            }
            context = made
            return try made.get()
        }
    }
}
