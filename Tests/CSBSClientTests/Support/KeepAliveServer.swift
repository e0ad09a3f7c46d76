import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A well-behaved HTTP/1.1 server on a loopback address (127.0.0.1 unless told), over TLS with ``TestCertificates`` or plain: answers every
/// request with an empty vault list and keeps the connection open, counting connections and requests and
/// recording each request's `Host` header and the TLS server name the client sent.
final class KeepAliveServer: Sendable {
    struct Counts: Sendable {
        var connections = 0
        var requests = 0
        var hosts: [String] = []
    }

    let port: Int
    let secure: Bool
    let host: String
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let counter: CountingHandler.Counter

    init(secure: Bool, host: String = "127.0.0.1") async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let context: NIOSSLContext? =
            secure
            ? try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(TestCertificates.server.utf8)).map {
                        .certificate($0)
                    },
                    privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(TestCertificates.serverKey.utf8), format: .pem))
                )
            ) : nil
        let counter = CountingHandler.Counter()
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    counter.connected()
                    let pipeline = child.pipeline.syncOperations
                    if let context { try pipeline.addHandler(NIOSSLServerHandler(context: context)) }
                    try pipeline.configureHTTPServerPipeline()
                    try pipeline.addHandler(CountingHandler(counter: counter))
                }
            }
            .bind(host: host, port: 0).get()
        port = channel.localAddress?.port ?? 0
        self.secure = secure
        self.host = host
        self.group = group
        self.counter = counter
    }

    var endpoint: String { "\(secure ? "https" : "http")://\(host):\(port)" }

    var snapshot: Counts { counter.snapshot }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

final class CountingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    final class Counter: Sendable {
        private let counts = Mutex(KeepAliveServer.Counts())
        var snapshot: KeepAliveServer.Counts { counts.withLock { $0 } }
        func connected() { counts.withLock { $0.connections += 1 } }
        func request(host: String) {
            counts.withLock {
                $0.requests += 1
                $0.hosts.append(host)
            }
        }
    }

    let counter: Counter

    init(counter: Counter) {
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            counter.request(host: head.headers.first(name: "Host") ?? "")
        case .body:
            break
        case .end:
            let body = ByteBuffer(string: "{\"vaults\": [], \"count\": 0}")
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
