import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Testing

/// ``BackupListing`` called as a library against the emulator over HTTP: CBR and CSBS merged by time.
@Suite("Backup listing")
struct BackupListingTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    /// Another server for the CSBS backup: a server with CSBS backups cannot join a CBR vault (6205).
    static let csbsServer = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"

    @Test func bothServicesMergedNewestFirstUnlessAVaultIsNamed() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            // Given a CSBS backup, done, and then a newer CBR backup
            let record = try await client.protectServer(id: Self.csbsServer, name: "older")
            let item = try #require(try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first)
            _ = try await client.waitForCheckpointItem(id: item.id)
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            _ = try await client.addResources(
                vaultID: vault.id, [ResourceReference(id: Self.server, type: VaultObjectType.server.resourceType)]
            )
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: CheckpointParameters())
            _ = try await client.waitForCheckpoint(id: checkpoint.id)
            let listing = BackupListing(client: client)
            // Then the listing has the CBR backup first, then the CSBS one
            let all = try await listing.list(.init())
            #expect(all.backups.map(\.service) == ["cbr", "csbs"] && all.csbsUnavailable == nil)
            #expect(all.backups.last?.id == item.id)
            // And a limit keeps the newest; a vault leaves CSBS out
            #expect(try await listing.list(.init(limit: 1)).backups.map(\.service) == ["cbr"])
            #expect(try await listing.list(.init(vaultID: vault.id)).backups.map(\.service) == ["cbr"])
            // And a status both services have filters both
            #expect(try await listing.list(.init(status: "available")).backups.count == 2)
        }
    }
}
