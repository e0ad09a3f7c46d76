import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Vault tags against the emulator")
struct BackupClientTagTests {
    @Test func createListBatchDeleteAndProjectTags() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "tagged", sizeGB: 100)
            try await client.createVaultTag(vaultID: vault.id, Tag(key: "env", value: "prod"))
            #expect(try await client.vaultTags(vaultID: vault.id) == [Tag(key: "env", value: "prod")])
            try await client.batchVaultTags(vaultID: vault.id, action: .create, tags: [Tag(key: "team", value: "sre")])
            let keys = try await client.vaultTags(vaultID: vault.id).map(\.key).sorted()
            #expect(keys == ["env", "team"])
            let project = try await client.projectVaultTags()
            #expect(project.first { $0.key == "env" }?.values == ["prod"])
            try await client.deleteVaultTag(vaultID: vault.id, key: "env")
            #expect(try await client.vaultTags(vaultID: vault.id).map(\.key) == ["team"])
        }
    }
}
