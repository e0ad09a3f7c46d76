import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Vault summary (show_summary)")
struct VaultSummaryTests {
    @Test("an empty project has no capacity; `summary` is not read as a vault id")
    func emptyProject() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            // When
            let response = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/summary", token: token)
            // Then
            #expect(response.status == .ok)
            #expect(response.errorCode == nil)
            #expect(response["size"] as? Int == 0)
            #expect(response["used_size"] as? Int == 0)
            #expect(response.object.count == 2)
        }
    }

    @Test("size sums the project's vault sizes (GB); used_size counts finished backups, in GB")
    func sumsTheProjectsVaults() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(2)) { emulator in
            // Given a 200 GB vault holding the seeded server (8192 MB of disk data), a 50 GB disk vault, and a
            // vault of another project
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let vault = try await emulator.vault(size: 200, servers: [Seeded.server], token: token)
            let disks = EmulatorTestClient.vaultBody(name: "disks", objectType: "disk", size: 50)
            #expect(try await emulator.send(.post, "/v3/\(Seeded.project)/vaults", token: token, json: disks).status == .ok)
            _ = try await emulator.createVault(token: other, project: Seeded.otherProject)
            let path = "/v3/\(Seeded.project)/vaults/summary"
            // When a backup is running, then once it has finished
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            let running = try await emulator.send(.get, path, token: token)
            emulator.clock.advance(by: .seconds(2))
            let finished = try await emulator.send(.get, path, token: token)
            let otherProject = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/vaults/summary", token: other)
            // Then only the project's vaults count, and only a finished backup uses space
            #expect(running["size"] as? Int == 250)
            #expect(running["used_size"] as? Int == 0)
            #expect(finished["size"] as? Int == 250)
            #expect(finished["used_size"] as? Int == 8)
            #expect(otherProject["size"] as? Int == 200)
            #expect(otherProject["used_size"] as? Int == 0)
        }
    }

    @Test("without a token the summary is refused like every CBR route")
    func requiresAuthentication() async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/summary")
            #expect(response.status == .unauthorized)
        }
    }
}
