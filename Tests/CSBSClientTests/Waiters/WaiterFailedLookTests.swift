import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

/// A wait of minutes does not end because one look failed after its retries, when the failure may pass on its
/// own; a service that stays down, or an answer no later look can change, still ends it with the error.
@Suite("Waiters look again after a failed look")
struct WaiterFailedLookTests {
    /// A vault with the seed server, one checkpoint of 10 s, and the id of its backup.
    private func backupInProgress(_ client: BackupClient) async throws -> String {
        let vault = try await client.createVault(name: "looks", sizeGB: 100)
        _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
        return try #require(try await client.listBackups(BackupQuery(checkpointID: checkpoint.id)).backups.first).id
    }

    @Test func oneLookThatFailsThroughItsRetriesIsRepeated() async throws {
        try await withEmulator(backupDuration: .seconds(10)) { emulator in
            let client = emulator.client()
            let backupID = try await backupInProgress(client)
            let attempts = client.configuration.retryPolicy.maxAttempts
            _ = await emulator.control.addFault(try FaultRule(spec: "show_backup:status=502,count=\(attempts)"))
            let backup = try await client.waitForBackup(id: backupID)
            #expect(backup.status == "available")
        }
    }

    @Test func failedLooksInARowEndTheWaitWithTheError() async throws {
        try await withEmulator(backupDuration: .seconds(3600)) { emulator in
            let client = emulator.client()
            let backupID = try await backupInProgress(client)
            _ = await emulator.control.addFault(try FaultRule(spec: "show_backup:status=503,count=1000"))
            let before = await emulator.control.requests().count
            await #expect {
                _ = try await client.waitForBackup(id: backupID)
            } throws: { error in
                (error as? ClientError)?.status == 503
            }
            let shows = await emulator.control.requests().dropFirst(before).filter { $0.operation == "show_backup" }
            #expect(shows.count == WaitPolicy.failedLooksAllowed * client.configuration.retryPolicy.maxAttempts)
        }
    }

    @Test func anAnswerNoLaterLookCanChangeEndsTheWaitAtOnce() async throws {
        try await withEmulator(backupDuration: .seconds(3600)) { emulator in
            let client = emulator.client()
            let backupID = try await backupInProgress(client)
            _ = await emulator.control.addFault(try FaultRule(spec: "show_backup:status=403,code=BackupService.6204,count=1000"))
            let before = await emulator.control.requests().count
            await #expect {
                _ = try await client.waitForBackup(id: backupID)
            } throws: { error in
                (error as? ClientError)?.status == 403
            }
            let shows = await emulator.control.requests().dropFirst(before).filter { $0.operation == "show_backup" }
            #expect(shows.count == 1)
        }
    }

    @Test(arguments: [
        (ClientError(kind: .network, message: "connection reset"), true),
        (ClientError(kind: .timeout, message: "no response"), true),
        (ClientError(kind: .service, status: 429, message: "throttled"), true),
        (ClientError(kind: .service, status: 502, message: "bad gateway"), true),
        (ClientError(kind: .service, status: 404, message: "gone"), false),
        (ClientError(kind: .authentication, status: 401, message: "token expired"), false),
        (ClientError(kind: .decoding, message: "not JSON"), false),
        (ClientError(kind: .waitTimeout, message: "still not done"), false),
    ])
    func whichFailuresMayPassOnTheirOwn(_ error: ClientError, _ mayPass: Bool) {
        #expect(error.mayPassOnItsOwn == mayPass)
    }
}
