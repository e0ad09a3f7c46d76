import NIOCore
import NIOHTTP1
import NIOTLS
import Synchronization

/// One request and the promise of its answer, as written into a connection's pipeline. Whoever ends the exchange
/// first (the response's end, the connection closing, the deadline, the caller's cancellation) completes the
/// promise; the others find it done.
final class HTTP1Exchange: Sendable {
    /// A collected answer, and whether its connection may carry another request.
    struct Outcome: Sendable {
        var head: HTTPResponseHead
        var body: ByteBuffer
        var keepAlive: Bool
    }

    let head: HTTPRequestHead
    let body: ByteBuffer?
    /// The largest body accepted, in bytes.
    let limit: Int
    private let promise: EventLoopPromise<Outcome>
    private let done = Atomic<Bool>(false)
    /// The connection carrying the exchange, once there is one.
    private let carrier = Mutex<(any Channel)?>(nil)

    init(head: HTTPRequestHead, body: ByteBuffer?, limit: Int, promise: EventLoopPromise<Outcome>) {
        self.head = head
        self.body = body
        self.limit = limit
        self.promise = promise
    }

    var outcome: EventLoopFuture<Outcome> { promise.futureResult }

    /// Writes the exchange into `channel`, unless it has already ended (then `channel` is closed: whoever ended
    /// it did not know the connection).
    func send(on channel: any Channel) {
        carrier.withLock { $0 = channel }
        if done.load(ordering: .acquiring) {
            channel.close(promise: nil)
            return
        }
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            // A kept-alive connection the server closed before the request went out: nothing was sent.
            let failure = (error as? ChannelError) == .ioOnClosedChannel ? HTTP1Failure.closedBeforeRequest : error
            if self.finish(.failure(failure)) { channel.close(promise: nil) }
        }
        channel.writeAndFlush(self, promise: written)
    }

    /// The connection that carried the exchange.
    var channel: (any Channel)? { carrier.withLock { $0 } }

    /// Ends the exchange with `error` unless it has ended, and closes its connection: a request cut short
    /// leaves the connection in an unknown state.
    func abandon(_ error: any Error) {
        guard finish(.failure(error)) else { return }
        carrier.withLock { $0 }?.close(promise: nil)
    }

    /// Completes the exchange unless something else already did; returns whether this call did.
    @discardableResult
    func finish(_ result: Result<Outcome, any Error>) -> Bool {
        guard done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        promise.completeWith(result)
        return true
    }
}

/// Why an exchange ended without an answer, beyond the errors NIO and NIOSSL raise themselves.
enum HTTP1Failure: Error, Equatable {
    /// The deadline passed.
    case timedOut
    /// The connection closed before the whole answer arrived; the request may have been processed.
    case closedBeforeResponse
    /// The connection was closed before the request could be written: nothing was sent.
    case closedBeforeRequest
    /// The answer's body (by its `Content-Length`, or as it arrived) exceeds the limit.
    case bodyTooLarge(status: Int, declaredLength: Int?, requestID: String?)
}

/// The last handler of a connection's pipeline (after the HTTP/1.1 codec): says when the connection is ready
/// for a first request (connected, and for TLS the handshake done), then writes one ``HTTP1Exchange`` at a
/// time and collects its answer up to the exchange's body limit, never buffering past it.
final class HTTP1ExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTP1Exchange
    typealias OutboundOut = HTTPClientRequestPart

    private let secure: Bool
    /// Completed once: succeeded when the connection can carry a request, failed with what ended it before.
    private var ready: EventLoopPromise<Void>?
    private var current: HTTP1Exchange?
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()

    /// - Parameter ready: completed when the connection is ready (see the type's comment).
    init(secure: Bool, ready: EventLoopPromise<Void>) {
        self.secure = secure
        self.ready = ready
    }

    func channelActive(context: ChannelHandlerContext) {
        if !secure { becomeReady(.success(())) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { becomeReady(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    private func becomeReady(_ result: Result<Void, any Error>) {
        ready?.completeWith(result)
        ready = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        current = exchange
        head = nil
        body.clear()
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let payload = exchange.body, payload.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
        }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let exchange = current else {
            // Nothing was asked: a peer that speaks out of turn gets no further requests on this connection.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let received):
            let declared = received.headers.first(name: "Content-Length").flatMap(Int.init)
            if let declared, declared > exchange.limit {
                end(context, .failure(Self.tooLarge(received, declared: declared)), close: true)
                return
            }
            head = received
        case .body(var chunk):
            guard let received = head else { return }
            if body.readableBytes + chunk.readableBytes > exchange.limit {
                end(context, .failure(Self.tooLarge(received, declared: nil)), close: true)
                return
            }
            body.writeBuffer(&chunk)
        case .end:
            guard let received = head else { return }
            let outcome = HTTP1Exchange.Outcome(head: received, body: body, keepAlive: received.isKeepAlive)
            body = ByteBuffer()
            end(context, .success(outcome), close: !received.isKeepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        becomeReady(.failure(HTTP1Failure.closedBeforeResponse))
        current?.finish(.failure(HTTP1Failure.closedBeforeResponse))
        current = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        becomeReady(.failure(error))
        current?.finish(.failure(error))
        current = nil
        context.close(promise: nil)
    }

    private func end(_ context: ChannelHandlerContext, _ result: Result<HTTP1Exchange.Outcome, any Error>, close: Bool) {
        current?.finish(result)
        current = nil
        head = nil
        if close { context.close(promise: nil) }
    }

    private static func tooLarge(_ head: HTTPResponseHead, declared: Int?) -> HTTP1Failure {
        .bodyTooLarge(
            status: Int(head.status.code), declaredLength: declared, requestID: head.headers.first(name: "X-Request-Id")
        )
    }
}
