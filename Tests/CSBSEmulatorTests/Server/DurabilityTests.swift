@testable import CSBSEmulator
import CSBSTestSupport
import Foundation
import Testing

@Suite("Durable storage")
struct DurabilityTests {
    @Test("a file store runs in WAL mode with synchronous = FULL")
    func walAndFullSync() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let control = try EmulatorControl(EmulatorConfiguration(storage: .file(path: directory + "/state.sqlite")))
        #expect(try control.store.synchronousLevel() == 2)
        #expect(try control.store.journalMode() == "wal")
    }
}
