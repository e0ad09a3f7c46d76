import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Testing

/// Every kind of operation once, signed with access keys (`SDK-HMAC-SHA256`) instead of a token: the emulator
/// verifies each signature exactly as the gateway does, so a signing mistake in any request shape (query,
/// path, body, empty body) fails here.
@Suite("Every operation with AK/SK signing")
struct AccessKeyWalkthroughTests {
    @Test func theRunbookOperationsWorkSigned() async throws {
        try await withEmulator { emulator in
            let account = EmulatorAccount.demo
            let configuration = ClientConfiguration(
                endpoints: .single(emulator.emulator.endpoint),
                credentials: .accessKey(
                    AccessKeyCredentials(
                        accessKey: account.accessKeyID, secretKey: account.secretAccessKey, projectID: account.projectID
                    )
                )
            )
            let clock = emulator.clock
            let client = BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date })

            // Vaults and resources.
            let vault = try await client.createVault(name: "signed", sizeGB: 100)
            #expect(try await client.listVaults(name: "signed").vaults.map(\.id) == [vault.id])
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            #expect(try await client.resizeVault(id: vault.id, sizeGB: 200).billing?.size?.value == 200)
            #expect(try await client.showVault(id: vault.id).resources?.map(\.id) == [Seed.serverID])

            // Protectables, checkpoints, backups, restore, operation logs.
            let servers = try await client.protectables(type: .server).collect()
            #expect(servers.contains { $0.id == Seed.serverID })
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            #expect(try await client.waitForCheckpoint(id: checkpoint.id).status == "available")
            let backups = try await client.backups(BackupQuery(checkpointID: checkpoint.id, statuses: ["available"])).collect()
            let backup = try #require(backups.first)
            #expect(try await client.updateBackup(id: backup.id, name: "signed_backup").name == "signed_backup")
            // A server restore pairs every disk backup with a disk (the service requires `mappings`).
            let mappings = (backup.children ?? []).map { RestoreMapping(backupID: $0.id, volumeID: $0.resourceID ?? "") }
            try await client.restoreBackup(id: backup.id, RestoreParameters(serverID: Seed.serverID, mappings: mappings))
            #expect(try await client.waitForRestore(backupID: backup.id).status == "available")
            let tasks = try await client.operationLogs(OperationLogQuery(vaultID: vault.id)).collect()
            #expect(!tasks.isEmpty)
            let task = try #require(tasks.first)
            #expect(try await client.showOperationLog(id: task.id).id == task.id)

            // Policies and binding.
            let policy = try await client.createPolicy(
                PolicyParameters(
                    name: "signed_nightly", operationDefinition: PolicyOperationDefinition(maxBackups: 7),
                    pattern: ["FREQ=DAILY;BYHOUR=2;BYMINUTE=0"]
                )
            )
            _ = try await client.associatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(try await client.listPolicies(vaultID: vault.id).map(\.id) == [policy.id])
            _ = try await client.dissociatePolicy(vaultID: vault.id, policyID: policy.id)
            try await client.deletePolicy(id: policy.id)

            // Tags.
            try await client.createVaultTag(vaultID: vault.id, Tag(key: "env", value: "prod"))
            #expect(try await client.vaultTags(vaultID: vault.id).map(\.key) == ["env"])
            try await client.deleteVaultTag(vaultID: vault.id, key: "env")

            // Deletions.
            try await client.deleteBackup(id: backup.id)
            try await client.waitForBackupDeletion(id: backup.id)
            _ = try await client.removeResources(vaultID: vault.id, resourceIDs: [Seed.serverID])
            try await client.deleteVault(id: vault.id)
            try await client.waitForVaultDeletion(id: vault.id)
            #expect(try await client.listVaults(name: "signed").vaults.isEmpty)

            // Every request was signed and accepted (no token was ever asked for); the only refusals are the
            // deletion waiters' final 404s.
            let log = await emulator.control.requests()
            #expect(!log.contains { $0.operation == "keystone_create_user_token" })
            let refused = log.filter { ($0.status ?? 500) >= 400 }
            #expect(refused.allSatisfy { $0.status == 404 && ["show_backup", "show_vault"].contains($0.operation ?? "") })
            #expect(!refused.contains { $0.status == 401 || $0.status == 403 })
        }
    }
}
