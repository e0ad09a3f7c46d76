@testable import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Dropped connections")
struct ConnectionDropperTests {
    @Test("a dropped request gets not a single byte back, and the next connection is served normally")
    func noBytes() async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        _ = await emulator.control.addFault(FaultRule(operation: "keystone_list_projects", count: 1, drop: true))
        let request = "GET /v3/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        #expect(try await RawConnection.exchange(port: emulator.port, request).bytes.isEmpty)
        let next = try await RawConnection.exchange(port: emulator.port, request).text
        #expect(next.hasPrefix("HTTP/1.1 401"))
        #expect(!next.contains(ConnectionDropper.markerName.rawName))
        await emulator.shutdown()
    }
}
