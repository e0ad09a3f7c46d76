import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Vault operations against the emulator")
struct BackupClientVaultTests {
    @Test func createListAndShowVault() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let created = try await client.createVault(name: "my_vault", sizeGB: 200)
            #expect(created.name == "my_vault")
            #expect(created.billing?.size?.value == 200)
            #expect(created.billing?.objectType == "server")

            let page = try await client.listVaults(name: "my_vault")
            #expect(page.vaults.map(\.id) == [created.id])
            let shown = try await client.showVault(id: created.id)
            #expect(shown.id == created.id)
            #expect(shown.resources?.isEmpty ?? true)
        }
    }

    @Test func vaultSummaryAddsUpTheProjectsVaultsInGB() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            #expect(try await client.showVaultSummary() == VaultSummary(sizeGB: 0, usedGB: 0))
            // A 100 GB vault with a finished backup of the seeded server (8192 MB), and an empty 50 GB vault
            _ = try await emulator.vaultWithFinishedBackup(client)
            _ = try await client.createVault(name: "empty", sizeGB: 50)
            let summary = try await client.showVaultSummary()
            #expect(summary.sizeGB?.value == 150)
            #expect(summary.usedGB?.value == 8)
        }
    }

    @Test func addResourcesAssociatesTheServer() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 100)
            let added = try await client.addResources(
                vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server", name: "db")]
            )
            #expect(added == [Seed.serverID])
            let shown = try await client.showVault(id: vault.id)
            #expect(shown.contains(resourceID: Seed.serverID))
        }
    }

    @Test func unknownVaultIsTheServiceError() async throws {
        try await withEmulator { emulator in
            let error = try await #require(throws: ClientError.self) {
                try await emulator.client().showVault(id: "3a1f2c4e-0000-4000-8000-000000000000")
            }
            #expect(error.kind == .service)
            #expect(error.code == "BackupService.6105")
            #expect(error.status == 404)
            #expect(error.operation == "show vault")
            #expect(error.requestID?.isEmpty == false)
        }
    }

    @Test func serverInAnotherVaultIsRefused() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let first = try await client.createVault(name: "a", sizeGB: 50)
            let second = try await client.createVault(name: "b", sizeGB: 50)
            let server = ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")
            _ = try await client.addResources(vaultID: first.id, [server])
            let error = try await #require(throws: ClientError.self) {
                try await client.addResources(vaultID: second.id, [server])
            }
            #expect(error.code == "BackupService.6103")
            #expect(error.status == 400)
        }
    }

    @Test func invalidSizeIsTheServiceError() async throws {
        try await withEmulator { emulator in
            let error = try await #require(throws: ClientError.self) {
                try await emulator.client().createVault(name: "tiny", sizeGB: 1)
            }
            #expect(error.code == "BackupService.6101")
        }
    }
}

/// Facts of the emulator's seeded inventory that tests rely on.
enum Seed {
    /// The seed document's server.
    static let serverID = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
}
