import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("Creating calls whose answer is lost are reconciled, never duplicated")
struct ReconcileTests {
    @Test(arguments: [FaultRule.Phase.after, .before])
    func createVaultWithADroppedResponseMakesExactlyOneVault(phase: FaultRule.Phase) async throws {
        try await withEmulator { emulator in
            // Given the connection drops on the next create-vault, after (or before) the service applied it
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "create_vault", count: 1, drop: true, phase: phase)
            )
            // When the vault is created
            let vault = try await client.createVault(name: "exactly_once", sizeGB: 100)
            // Then there is exactly one such vault, and it is the one returned
            let all = try await client.listVaults(name: "exactly_once").vaults
            #expect(all.map(\.id) == [vault.id])
            // and the trace says what the look found, in words that read for an object and for a state alike
            let findings = trace.reconciliations.map(\.finding)
            #expect(findings == [
                phase == .after
                    ? #"found a vault named "exactly_once": the call took effect; using it"#
                    : #"did not find a vault named "exactly_once""#
            ])
            let creates = await emulator.emulator.control.requests().filter { $0.operation == "create_vault" }
            #expect(creates.count == (phase == .after ? 1 : 2))
        }
    }

    @Test func createVaultWithA503AfterApplyingReturnsTheCreatedVault() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "create_vault", count: 1, status: 503, phase: .after)
            )
            let vault = try await client.createVault(name: "after_503", sizeGB: 100)
            #expect(try await client.listVaults(name: "after_503").vaults.map(\.id) == [vault.id])
        }
    }

    @Test func createCheckpointWithADroppedResponseMakesExactlyOneRestorePoint() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "cp", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "create_checkpoint", count: 1, drop: true, phase: .after)
            )
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let backups = try await client.listBackups(BackupQuery(vaultID: vault.id)).backups
            #expect(Set(backups.compactMap(\.checkpointID)) == [checkpoint.id])
            let creates = await emulator.emulator.control.requests().filter { $0.operation == "create_checkpoint" }
            #expect(creates.count == 1)
        }
    }

    @Test func addResourcesWithADroppedResponseReportsTheAddedResource() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            let vault = try await client.createVault(name: "add", sizeGB: 100)
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "add_vault_resource", count: 1, drop: true, phase: .after)
            )
            let added = try await client.addResources(
                vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")]
            )
            #expect(added == [Seed.serverID])
            #expect(trace.reconciliations.map(\.finding) == [
                "found resources \(Seed.serverID) in the vault: the call took effect; using it"
            ])
            let creates = await emulator.emulator.control.requests().filter { $0.operation == "add_vault_resource" }
            #expect(creates.count == 1)
        }
    }

    @Test func restoreWithADroppedResponseIsNotSentTwice() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (_, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "restore_backup", count: 1, drop: true, phase: .after)
            )
            // A server restore pairs every disk backup with a disk (the service requires `mappings`).
            let mappings = (backup.children ?? []).map { RestoreMapping(backupID: $0.id, volumeID: $0.resourceID ?? "") }
            try await client.restoreBackup(id: backup.id, RestoreParameters(serverID: Seed.serverID, mappings: mappings))
            let restores = await emulator.emulator.control.requests().filter { $0.operation == "restore_backup" }
            #expect(restores.count == 1)
            #expect(try await client.waitForRestore(backupID: backup.id).status == "available")
        }
    }

    @Test func aDeletionWhoseAnswerWasLostCountsTheLater404AsDone() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (_, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "delete_backup", count: 1, drop: true, phase: .after)
            )
            try await client.deleteBackup(id: backup.id)
            try await client.waitForBackupDeletion(id: backup.id)
        }
    }
}
