import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("Lazy state across restarts")
struct LazyStateTests {
    @Test("statuses come from stored times: a reopened database continues a backup and a pending deletion")
    func reopen() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-lazy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = EmulatorStorage.file(path: directory.appendingPathComponent("state.sqlite").path)
        let durations = OperationDurations(backup: .seconds(10), delete: .seconds(10))
        // Given a finished backup being deleted and a new one still protecting, then a restart
        let (first, second) = try await EmulatorTestClient.run(durations: durations, storage: storage) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let one = try #require(try await emulator.checkpoint(vault: vault, token: token).dictionary("checkpoint")["id"] as? String)
            emulator.clock.advance(by: .seconds(10))
            let two = try #require(try await emulator.checkpoint(vault: vault, token: token).dictionary("checkpoint")["id"] as? String)
            let backup = try #require(try await emulator.backups(checkpoint: one, token: token).first?["id"] as? String)
            #expect(try await emulator.send(.delete, "/v3/\(Seeded.project)/backups/\(backup)", token: token).status == .noContent)
            return (one, two)
        }
        // When the emulator reopens with its clock at the same instant (start + 10 s), then moves on
        try await EmulatorTestClient.run(durations: durations, storage: storage) { emulator in
            let token = try await emulator.token()
            emulator.clock.advance(by: .seconds(10))
            #expect(try await emulator.backups(checkpoint: first, token: token).first?["status"] as? String == "deleting")
            #expect(try await emulator.backups(checkpoint: second, token: token).first?["status"] as? String == "protecting")
            emulator.clock.advance(by: .seconds(10))
            // Then the deletion completed and the backup finished, exactly as without the restart
            #expect(try await emulator.backups(checkpoint: first, token: token).isEmpty)
            #expect(try await emulator.backups(checkpoint: second, token: token).first?["status"] as? String == "available")
        }
    }
}
