import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
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

@Suite("Storage usage (show_storage_usage)")
struct StorageUsageTests {
    @Test("per resource: finished backups and their MB over every vault, filtered by resource, type and page")
    func perResource() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(2)) { emulator in
            let token = try await emulator.token()
            let first = try await emulator.vault(servers: [Seeded.server], token: token)
            let second = try await emulator.vault(servers: [Seeded.secondServer], token: token)
            #expect(try await emulator.checkpoint(vault: first, token: token).status == .ok)
            emulator.clock.advance(by: .seconds(3))
            #expect(try await emulator.checkpoint(vault: first, token: token).status == .ok)
            #expect(try await emulator.checkpoint(vault: second, token: token).status == .ok)
            let path = "/v3/\(Seeded.project)/storage_usage"
            // The second round is still protecting: only the first backup of the first server counts.
            let during = try await emulator.send(.get, path, token: token)
            #expect(during["resource_count"] as? Int == 1)
            emulator.clock.advance(by: .seconds(3))
            let all = try await emulator.send(.get, path, token: token)
            #expect(all.status == .ok)
            #expect(all["resource_count"] as? Int == 2)
            let usage = all["storage_usage"] as? [[String: Any]] ?? []
            let server = try #require(usage.first { $0["resource_id"] as? String == Seeded.server })
            #expect(server["backup_count"] as? Int == 2)
            #expect(server["backup_size"] as? Int == 2 * 8192)
            #expect(server["resource_type"] as? String == Seeded.serverType)
            #expect(server["backup_size_multiaz"] as? Int == 0)
            let one = try await emulator.send(.get, "\(path)?resource_id=\(Seeded.secondServer)", token: token)
            #expect((one["storage_usage"] as? [[String: Any]])?.compactMap { $0["resource_id"] as? String }
                == [Seeded.secondServer])
            let page = try await emulator.send(.get, "\(path)?limit=1&offset=1", token: token)
            #expect(page["resource_count"] as? Int == 2)
            #expect((page["storage_usage"] as? [Any])?.count == 1)
            let disks = try await emulator.send(.get, "\(path)?resource_type=OS::Cinder::Volume", token: token)
            #expect(disks["resource_count"] as? Int == 0)
            let bogus = try await emulator.send(.get, "\(path)?resource_type=bogus", token: token)
            #expect(bogus.errorCode == "BackupService.9900")
        }
    }
}
