import CSBSClient
import CSBSTestSupport
import Synchronization
import Testing

@Suite("Operation logs against the emulator")
struct BackupClientOperationLogTests {
    @Test func aBackupLeavesATaskThatCanBeShownAndAwaited() async throws {
        try await withEmulator { emulator in
            // Given a backup that has just started
            let client = emulator.client()
            let vault = try await client.createVault(name: "logs", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            _ = try await client.createCheckpoint(vaultID: vault.id)
            // When its task is listed and awaited
            let page = try await client.listOperationLogs(OperationLogQuery(operationType: "backup", vaultID: vault.id))
            let log = try #require(page.operationLogs.first)
            #expect(try await client.showOperationLog(id: log.id).id == log.id)
            let progress = ProgressLog()
            let finished = try await client.waitForOperationLog(id: log.id) { progress.record($0.progress) }
            // Then it ends in success, and progress was reported on the way
            #expect(finished.status == "success")
            #expect(progress.values.contains { $0 != nil })
            let walked = try await client.operationLogs(OperationLogQuery(vaultID: vault.id), pageSize: 1).collect()
            #expect(walked.map(\.id).contains(log.id))
        }
    }

    @Test func unknownTaskIsTheServiceError() async throws {
        try await withEmulator { emulator in
            let error = try await #require(throws: ClientError.self) {
                try await emulator.client().showOperationLog(id: "3a1f2c4e-0000-4000-8000-000000000000")
            }
            #expect(error.status == 404)
            #expect(error.code == "BackupService.6500")
        }
    }

    @Test func aWaitPastItsDeadlineIsAWaitTimeout() async throws {
        try await withEmulator(backupDuration: .seconds(3600)) { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "slow", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let backup = try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first)
            let error = try await #require(throws: ClientError.self) {
                try await client.waitForBackup(id: backup.id, policy: WaitPolicy(timeout: .seconds(30)))
            }
            #expect(error.kind == .waitTimeout)
        }
    }
}

/// Progress values seen by a waiter's callback.
final class ProgressLog: Sendable {
    private let storage = Mutex<[Int?]>([])

    func record(_ value: Int?) { storage.withLock { $0.append(value) } }

    var values: [Int?] { storage.withLock { $0 } }
}
