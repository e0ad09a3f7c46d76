import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 that answers each request with a scripted exchange, for endpoints that
/// misbehave in ways the emulator never does: a body that stalls or trickles after its headers, a redirect, a
/// list that ignores its paging. One thread accepts and serves connections one at a time; a script's pause ends
/// early when the client closes the connection, so a long stall lasts as long as the client's own timeout, and
/// the server closes every connection after its script.
final class HostileServer: Sendable {
    /// One step of an answer.
    enum Step: Sendable {
        case send(String)
        case pause(milliseconds: Int)
    }

    /// The request line and headers of a request, as received.
    struct Request: Sendable {
        var method: String
        /// Path and query.
        var target: String
    }

    let port: Int
    private let listener: Int32
    private let received = Mutex<[Request]>([])
    private let stopped = Atomic<Bool>(false)

    /// Starts listening; `answer` scripts the reply to each request.
    init(answer: @escaping @Sendable (Request) -> [Step]) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                serve(connection, answer: answer)
            }
        }
        thread.start()
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The requests served so far.
    var requests: [Request] { received.withLock { $0 } }

    /// Stops accepting; connections in progress end with their scripts.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ connection: Int32, answer: (Request) -> [Step]) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: Array("\r\n\r\n".utf8)) {
            let count = recv(connection, &buffer, 1, 0)
            guard count > 0 else { return }
            head.append(buffer[0])
        }
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        let request = Request(method: parts.first.map(String.init) ?? "", target: parts.count > 1 ? String(parts[1]) : "")
        received.withLock { $0.append(request) }
        for step in answer(request) {
            switch step {
            case .send(let text):
                let bytes = Array(text.utf8)
                guard send(connection, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return }
            case .pause(let milliseconds):
                guard Self.pause(milliseconds, unlessClosed: connection) else { return }
            }
        }
    }

    /// Waits `milliseconds`, or less when the client closes the connection first (then returns false), so that a
    /// long stall lasts exactly as long as the client's patience.
    private static func pause(_ milliseconds: Int, unlessClosed connection: Int32) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(milliseconds)
        while ContinuousClock.now < deadline {
            var request = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let left = ContinuousClock.now.duration(to: deadline)
            let wait = Int32(max(1, min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000, 1000)))
            if poll(&request, 1, wait) > 0 {
                var byte: UInt8 = 0
                if recv(connection, &byte, 1, Int32(MSG_DONTWAIT)) <= 0 { return false }
            }
        }
        return true
    }

    /// A complete JSON answer.
    static func json(_ body: String, status: String = "200 OK", headers: [String] = []) -> [Step] {
        let head = (["HTTP/1.1 \(status)", "Content-Type: application/json", "Content-Length: \(body.utf8.count)",
                     "Connection: close"] + headers).joined(separator: "\r\n")
        return [.send(head + "\r\n\r\n" + body)]
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
