import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Backup operations against the emulator")
struct BackupClientBackupTests {
    @Test func listFiltersByCheckpointAndShowsEachBackup() async throws {
        try await withEmulator { emulator in
            // Given a finished restore point of a vault holding the seeded server
            let client = emulator.client()
            let (vault, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            // When its backups are listed
            let page = try await client.listBackups(BackupQuery(checkpointID: checkpoint.id))
            // Then there is the server's backup, available, in that vault
            let backup = try #require(page.backups.first)
            #expect(page.backups.count == 1)
            #expect(backup.checkpointID == checkpoint.id)
            #expect(backup.vaultID == vault.id)
            #expect(backup.resourceID == Seed.serverID)
            #expect(backup.status == "available")
            let shown = try await client.showBackup(id: backup.id)
            #expect(shown.id == backup.id)
        }
    }

    @Test func pagesWalkEveryBackupOnceWithOffsetsAndMarkers() async throws {
        try await withEmulator { emulator in
            // Given three restore points of one vault
            let client = emulator.client()
            let (vault, _) = try await emulator.vaultWithFinishedBackup(client)
            for _ in 0..<2 {
                let next = try await client.createCheckpoint(vaultID: vault.id)
                _ = try await client.waitForCheckpoint(id: next.id)
            }
            let all = try await client.listBackups(BackupQuery(vaultID: vault.id)).backups.map(\.id)
            #expect(all.count == 3)
            // When they are walked one per page, by offset and by marker
            let byOffset = try await client.backups(BackupQuery(vaultID: vault.id), pageSize: 1).collect().map(\.id)
            let byMarker = try await client.backups(BackupQuery(vaultID: vault.id), pageSize: 1, usingMarker: true)
                .collect().map(\.id)
            // Then each walk sees each backup exactly once
            #expect(Set(byOffset) == Set(all) && byOffset.count == 3)
            #expect(Set(byMarker) == Set(all) && byMarker.count == 3)
        }
    }

    @Test func renameChangesTheName() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (_, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            let renamed = try await client.updateBackup(id: backup.id, name: "before_upgrade")
            #expect(renamed.name == "before_upgrade")
            #expect(try await client.showBackup(id: backup.id).name == "before_upgrade")
        }
    }

    @Test func deleteThenWaitEndsWhenTheBackupIsGone() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (_, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            try await client.deleteBackup(id: backup.id)
            try await client.waitForBackupDeletion(id: backup.id)
            let error = try await #require(throws: ClientError.self) { try await client.showBackup(id: backup.id) }
            #expect(error.status == 404)
        }
    }

    @Test func restoreThenWaitReturnsTheBackupAvailableAgain() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let (_, checkpoint) = try await emulator.vaultWithFinishedBackup(client)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            // A server restore pairs every disk backup with a disk (the service requires `mappings`).
            let mappings = (backup.children ?? []).map { RestoreMapping(backupID: $0.id, volumeID: $0.resourceID ?? "") }
            try await client.restoreBackup(id: backup.id, RestoreParameters(serverID: Seed.serverID, mappings: mappings))
            #expect(try await client.showBackup(id: backup.id).status == "restoring")
            let restored = try await client.waitForRestore(backupID: backup.id)
            #expect(restored.status == "available")
        }
    }

    @Test func unknownBackupIsTheServiceError() async throws {
        try await withEmulator { emulator in
            let error = try await #require(throws: ClientError.self) {
                try await emulator.client().showBackup(id: "3a1f2c4e-0000-4000-8000-000000000000")
            }
            #expect(error.kind == .service)
            #expect(error.status == 404)
            #expect(error.operation == "show backup")
        }
    }
}
