import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Synchronization
import Testing

/// ``ServerProtection`` called as a library against the emulator over HTTP.
@Suite("Server protection")
struct ServerProtectionTests {
    @Test func protectsAServerAndWaitsUntilTheBackupIsAvailable() async throws {
        try await withEmulator { emulator in
            let protection = ServerProtection(client: emulator.client())
            let started = try await protection.protect(server: "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", name: "db")
            let backup = try #require(started.backup)
            #expect(backup.checkpointID == started.record.id && backup.name == "db")
            let statuses = StatusLog()
            let final = try await protection.waitUntilDone(backup, policy: .default) { status, _, _, _ in
                statuses.append(status)
            }
            #expect(final.status == "available" && final.id == backup.id)
            #expect(!statuses.values.isEmpty)
        }
    }
}

/// The statuses a wait reported, in order.
private final class StatusLog: Sendable {
    private let log = Mutex<[String]>([])

    func append(_ status: String) { log.withLock { $0.append(status) } }

    var values: [String] { log.withLock { $0 } }
}
