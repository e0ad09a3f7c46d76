import HTTPTypes
import NIOCore

/// Lets a handler answer "no response at all": a response carrying the ``markerName`` header is never
/// written; the connection is closed instead, so the client sees a connection error (a lost response).
///
/// Hummingbird gives request handlers no access to the channel, so the drop happens in the pipeline:
/// ``Installer`` (one of the HTTP/1 channel's extra handlers) puts ``Closer`` at the socket end, where
/// the encoded response head is visible as bytes. The marker cannot appear in a JSON body, whose strings
/// never contain a raw CR LF.
enum ConnectionDropper {
    /// The marker header (lower-case, so it is encoded exactly like this).
    static let markerName = HTTPField.Name("x-csbs-emulator-drop-connection")!
    private static let markerBytes = Array("\r\n\(markerName.rawName): ".utf8)

    /// Installs ``Closer`` at the front of the pipeline when it is added, then only forwards.
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny

        func handlerAdded(context: ChannelHandlerContext) {
            try? context.pipeline.syncOperations.addHandler(Closer(), position: .first)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.fireChannelRead(data)
        }
    }

    /// Closes the connection instead of writing a marked response.
    final class Closer: ChannelOutboundHandler, RemovableChannelHandler {
        typealias OutboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private var dropping = false
        private static let statusLinePrefix = Array("HTTP/".utf8)

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let buffer = unwrapOutboundIn(data)
            // Only a response head (it starts with the status line) can hold the marker; bodies are not scanned.
            if !dropping, buffer.readableBytesView.starts(with: Self.statusLinePrefix),
                Self.contains(buffer.readableBytesView, ConnectionDropper.markerBytes)
            {
                dropping = true
                context.close(promise: nil)
            }
            if dropping {
                promise?.fail(ChannelError.ioOnClosedChannel)
            } else {
                context.write(data, promise: promise)
            }
        }

        private static func contains(_ haystack: ByteBufferView, _ needle: [UInt8]) -> Bool {
            guard let first = needle.first, haystack.count >= needle.count else { return false }
            var index = haystack.startIndex
            let last = haystack.endIndex - needle.count
            while index <= last {
                if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                    return true
                }
                index += 1
            }
            return false
        }
    }
}
