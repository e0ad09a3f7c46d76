@testable import CSBSEmulator
import Foundation
import HTTPTypes
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Dropped connections")
struct ConnectionDropperTests {
    /// Sends raw request bytes to 127.0.0.1:`port` and returns every byte received until the peer closes.
    private func exchange(port: Int, _ request: String) throws -> [UInt8] {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(handle >= 0)
        defer { close(handle) }
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
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        try #require(send(handle, bytes, bytes.count, 0) == bytes.count)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(handle, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    @Test("a dropped request gets not a single byte back, and the next connection is served normally")
    func noBytes() async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        _ = await emulator.control.addFault(FaultRule(operation: "keystone_list_projects", count: 1, drop: true))
        let request = "GET /v3/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        #expect(try exchange(port: emulator.port, request).isEmpty)
        let next = String(decoding: try exchange(port: emulator.port, request), as: UTF8.self)
        #expect(next.hasPrefix("HTTP/1.1 401"))
        #expect(!next.contains(ConnectionDropper.markerName.rawName))
        await emulator.shutdown()
    }
}
