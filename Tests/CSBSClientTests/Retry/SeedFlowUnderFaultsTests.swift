import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

/// The bar for the client: with about a fifth of all requests failing (503s, throttling with
/// Retry-After, lost responses after the service applied the request), the seed flow run again and again either
/// completes or stops with a clear error, and never leaves a duplicated vault or restore point behind.
@Suite("The seed flow under 20% injected faults")
struct SeedFlowUnderFaultsTests {
    @Test func everyRunEndsCleanlyAndNothingIsDuplicated() async throws {
        let harness = try await EmulatorHarness.start(backupDuration: .seconds(5)) { $0.seed = 20_261_122 }
        defer { Task { await harness.shutdown() } }
        for rule in [
            FaultRule(operation: "*", probability: 0.08, status: 503, errorCode: "BackupService.9910"),
            FaultRule(operation: "*", probability: 0.07, status: 429, errorCode: "APIGW.0308", retryAfter: 2),
            FaultRule(operation: "*", probability: 0.07, drop: true, phase: .after),
        ] {
            _ = await harness.control.addFault(rule)
        }
        let client = harness.client()
        let server = ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")

        var checkpointCalls = 0
        var completed: [String] = []
        var failures: [ClientError] = []
        for _ in 0..<30 {
            do {
                let vault: Vault
                if let existing = try await client.listVaults(name: "soak").vaults.first {
                    vault = existing
                } else {
                    vault = try await client.createVault(name: "soak", sizeGB: 500)
                }
                if !(vault.resources ?? []).contains(where: { $0.id == server.id }) {
                    _ = try await client.addResources(vaultID: vault.id, [server])
                }
                checkpointCalls += 1
                let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
                let done = try await client.waitForCheckpoint(id: checkpoint.id)
                completed.append(done.id)
            } catch let error as ClientError {
                failures.append(error)
            }
        }

        // The faults really were there.
        let log = await harness.control.requests()
        let faulted = log.filter { $0.fault != nil }.count
        #expect(Double(faulted) / Double(log.count) >= 0.15, "only \(faulted) of \(log.count) requests faulted")

        // Every failure is a clear, typed error.
        for failure in failures {
            #expect(!failure.message.isEmpty)
            #expect(failure.operation != nil)
        }
        #expect(completed.count >= 20, "\(completed.count) of 30 runs completed; failures: \(failures.map(\.message))")

        // No duplicates: one vault, and no more restore points than the flow asked for.
        await harness.control.clearFaults()
        let vaults = try await client.listVaults(name: "soak").vaults
        #expect(vaults.count == 1)
        let backups = try await client.backups(BackupQuery(vaultID: vaults.first?.id)).collect()
        let checkpoints = Set(backups.compactMap(\.checkpointID))
        #expect(checkpoints.count <= checkpointCalls)
        #expect(Set(completed).isSubset(of: checkpoints))
    }
}
