@testable import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("Wait policy intervals")
struct WaitPolicyTests {
    @Test func intervalsGrowAndStayBounded() {
        let policy = WaitPolicy(initialInterval: .seconds(1), multiplier: 2, maxInterval: .seconds(5))
        #expect((1...5).map { policy.interval(afterPolls: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        #expect(policy.interval(afterPolls: 1_000_000) == .seconds(5))
    }

    @Test func aWaitWithoutADeadlineOfItsOwnEndsAtTheDefaultOne() async throws {
        #expect(WaitPolicy.default.timeout == WaitPolicy.defaultTimeout)
        // A backup that takes longer than the default deadline (in virtual time).
        let harness = try await EmulatorHarness.start(backupDuration: WaitPolicy.defaultTimeout * 2)
        do {
            let client = harness.client()
            let vault = try await client.createVault(name: "slow", sizeGB: 100)
            _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
            let error = try await #require(throws: ClientError.self) { try await client.waitForCheckpoint(id: checkpoint.id) }
            #expect(error.kind == .waitTimeout)
            #expect(harness.clock.elapsed < WaitPolicy.defaultTimeout * 2)
            await harness.shutdown()
        } catch {
            await harness.shutdown()
            throw error
        }
    }
}
