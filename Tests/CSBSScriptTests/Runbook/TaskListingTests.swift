import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Testing

/// ``TaskListing`` called as a library, without the language, against the emulator over HTTP.
@Suite("Task listing")
struct TaskListingTests {
    @Test func listsAVaultsTasksByTypeAndStopsAtTheLimit() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            let other = try await client.createVault(name: "other", sizeGB: 40)
            _ = try await client.addResources(
                vaultID: vault.id,
                [ResourceReference(id: "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", type: VaultObjectType.server.resourceType)]
            )
            for _ in 0..<2 {
                let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: CheckpointParameters())
                _ = try await client.waitForCheckpoint(id: checkpoint.id)
            }
            let listing = TaskListing(client: client)
            let backups = try await listing.list(.init(vaultID: vault.id, operationType: "backup"))
            #expect(backups.count == 2)
            #expect(backups.allSatisfy { $0.vaultID == vault.id && $0.operationType == "backup" })
            #expect(try await listing.list(.init(limit: 1)).count == 1)
            #expect(try await listing.list(.init(vaultID: other.id)).isEmpty)
        }
    }
}
