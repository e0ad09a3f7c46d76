import CSBSClient
import Synchronization
import CSBSTestSupport
import Testing

@Suite("Checkpoints and waiting, on virtual time")
struct BackupClientCheckpointTests {
    private func vaultWithServer(_ client: BackupClient) async throws -> Vault {
        let vault = try await client.createVault(name: "cp", sizeGB: 100)
        _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
        return vault
    }

    @Test func checkpointBecomesAvailableAfterTheBackupDuration() async throws {
        try await withEmulator(backupDuration: .seconds(2)) { emulator in
            let client = emulator.client()
            let vault = try await vaultWithServer(client)
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(name: "before_upgrade"))
            #expect(checkpoint.status == "protecting")
            #expect(checkpoint.vault?.resources?.first?.id == Seed.serverID)

            let updates = UpdateLog()
            let final = try await client.waitForCheckpoint(id: checkpoint.id) { updates.append($0.value.status) }
            #expect(final.status == "available")
            #expect(updates.values.first == "protecting")
            #expect(updates.values.last == "available")
            #expect(emulator.clock.elapsed >= .seconds(2))
            #expect(emulator.clock.elapsed < .seconds(5), "polling backs off but stays close to the finish")
        }
    }

    @Test func waitPastItsTimeoutIsAWaitTimeout() async throws {
        try await withEmulator(backupDuration: .seconds(600)) { emulator in
            let client = emulator.client()
            let vault = try await vaultWithServer(client)
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let error = try await #require(throws: ClientError.self) {
                try await client.waitForCheckpoint(id: checkpoint.id, policy: WaitPolicy(timeout: .seconds(30)))
            }
            #expect(error.kind == .waitTimeout)
            #expect(emulator.clock.elapsed >= .seconds(30))
            #expect(emulator.clock.elapsed < .seconds(45))
        }
    }

    @Test func cancellingAWaitStopsIt() async throws {
        try await withEmulator(backupDuration: .seconds(3600)) { emulator in
            let client = emulator.client()
            let vault = try await vaultWithServer(client)
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let task = Task { try await client.waitForCheckpoint(id: checkpoint.id) }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }

    @Test func unknownCheckpointIsTheServiceError() async throws {
        try await withEmulator { emulator in
            let error = try await #require(throws: ClientError.self) {
                try await emulator.client().showCheckpoint(id: "d9ce6924-d753-4132-bd16-a9f8838ea7d2")
            }
            #expect(error.code == "BackupService.6217")
            #expect(error.status == 404)
        }
    }
}

final class UpdateLog: Sendable {
    private let log = Mutex<[String]>([])
    func append(_ value: String) { log.withLock { $0.append(value) } }
    var values: [String] { log.withLock { $0 } }
}
