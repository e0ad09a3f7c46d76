import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to 127.0.0.1, for requests no HTTP client would send (partial heads, bodies shorter than
/// their `Content-Length`, foreign `Host`s). Every read and write gives up after `timeout` seconds.
///
/// The socket calls block, so each runs on a thread of its own (``offThePool(_:)``): blocking a thread of the
/// concurrency pool would starve the in-process emulator, whose handlers run there, and every other test.
final class RawConnection: @unchecked Sendable {  // The handle is used by one call at a time.
    private let handle: Int32

    /// What ``readAll()`` saw: the bytes, and whether the peer closed (rather than the read timing out).
    struct Received: Sendable {
        var bytes: [UInt8]
        var closedByPeer: Bool
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    init(port: Int, timeout: Int = 10) throws {
        handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(handle >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(handle, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(handle) }

    /// Sends every byte (or as many as the peer takes before an error).
    /// - Returns: Whether all were sent.
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        await Self.offThePool { self.blockingSend(bytes) }
    }

    @discardableResult
    func send(_ text: String) async -> Bool { await send(Array(text.utf8)) }

    /// Reads until the peer closes or a read times out.
    func readAll() async -> Received {
        await Self.offThePool { self.blockingReadAll() }
    }

    /// Sends a request and reads the answer until the peer closes.
    static func exchange(port: Int, _ request: String) async throws -> Received {
        let connection = try RawConnection(port: port)
        await connection.send(request)
        return await connection.readAll()
    }

    /// Runs a blocking call on a new thread and waits for it without holding a thread of the pool.
    private static func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    private func blockingSend(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                socketSend(handle, buffer.baseAddress, buffer.count)
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    private func blockingReadAll() -> Received {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(handle, &buffer, buffer.count, 0)
            if count == 0 { return Received(bytes: received, closedByPeer: true) }
            if count < 0 {
                let closed = errno == ECONNRESET
                return Received(bytes: received, closedByPeer: closed)
            }
            received += buffer[0..<count]
        }
    }
}

/// `send(2)` without `SIGPIPE` when the peer has gone.
private func socketSend(_ handle: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(handle, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(handle, bytes, count, 0)
    #endif
}
