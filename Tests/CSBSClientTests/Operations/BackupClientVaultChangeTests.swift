import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Vault changes against the emulator")
struct BackupClientVaultChangeTests {
    @Test func renameAndResize() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "old", sizeGB: 100)
            let renamed = try await client.updateVault(id: vault.id, VaultUpdate(name: "new"))
            #expect(renamed.name == "new")
            let resized = try await client.resizeVault(id: vault.id, sizeGB: 300)
            #expect(resized.billing?.size?.value == 300)
            #expect(try await client.showVault(id: vault.id).billing?.size?.value == 300)
        }
    }

    @Test func removeResourcesDissociatesTheServer() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "rm", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            let removed = try await client.removeResources(vaultID: vault.id, resourceIDs: [Seed.serverID])
            #expect(removed == [Seed.serverID])
            // Removal is asynchronous: the resource reads `removing` until it is gone.
            let resource = try await client.showVault(id: vault.id).resources?.first { $0.id == Seed.serverID }
            #expect(resource == nil || resource?.protectStatus == "removing")
        }
    }

    @Test func deleteThenWaitEndsWhenTheVaultIsGone() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (vault, _) = try await emulator.vaultWithFinishedBackup(client, name: "doomed")
            try await client.deleteVault(id: vault.id)
            try await client.waitForVaultDeletion(id: vault.id)
            let error = try await #require(throws: ClientError.self) { try await client.showVault(id: vault.id) }
            #expect(error.status == 404)
            #expect(try await client.listVaults(name: "doomed").vaults.isEmpty)
        }
    }

    @Test func vaultsPaginateByOffset() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            var created: [String] = []
            for index in 0..<5 { created.append(try await client.createVault(name: "page_\(index)", sizeGB: 10).id) }
            let walked = try await client.vaults(pageSize: 2).collect().map(\.id)
            #expect(Set(walked).isSuperset(of: created))
            #expect(walked.count == Set(walked).count)
        }
    }
}

@Suite("Protectable resources against the emulator")
struct BackupClientProtectableTests {
    @Test func theSeededServerIsProtectableUntilItIsInAVault() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let servers = try await client.protectables(type: .server).collect()
            let server = try #require(servers.first { $0.id == Seed.serverID })
            #expect(server.type == "OS::Nova::Server")
            let vault = try await client.createVault(name: "p", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            let shown = try await client.showProtectable(type: .server, id: Seed.serverID)
            #expect(shown.protectable?.vault?.id == vault.id)
        }
    }
}
