import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Waiters stop when cancelled")
struct WaiterCancellationTests {
    @Test func aCancelledWaitThrowsCancellationError() async throws {
        try await withEmulator(backupDuration: .seconds(7 * 24 * 3600)) { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "long", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            let task = Task { try await client.waitForBackup(id: backup.id) }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }
}
