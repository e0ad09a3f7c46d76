@testable import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Foundation
import Testing

@Suite("Shared checkpoint poller")
struct CheckpointPollerTests {
    /// Runs `body` with an emulator whose demo project has `count` more servers, with ids `fleet-server-0` ….
    private func withFleet<T>(
        servers count: Int, backupDuration: Duration = .seconds(2), _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        let servers = (0..<count).map { #"{"id": "fleet-server-\#($0)", "name": "fleet-\#($0)"}"# }
        let json = #"{"servers": [\#(servers.joined(separator: ","))]}"#
        let inventory = try EmulatorInventory.decode(Data(json.utf8))
        let emulator = try await EmulatorHarness.start(backupDuration: backupDuration) { $0.inventory = inventory }
        do {
            let value = try await body(emulator)
            await emulator.shutdown()
            return value
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    /// Creates the vault "fleet" holding the fleet's first `count` servers.
    private func fleetVault(_ client: BackupClient, servers count: Int) async throws -> Vault {
        let vault = try await client.createVault(name: "fleet", sizeGB: 10_000)
        let references = (0..<count).map { ResourceReference(id: "fleet-server-\($0)", type: "OS::Nova::Server") }
        _ = try await client.addResources(vaultID: vault.id, references)
        return vault
    }

    /// Creates a vault holding the fleet's servers and one checkpoint per server.
    private func checkpoints(_ client: BackupClient, servers count: Int) async throws -> (Vault, [Checkpoint]) {
        let vault = try await fleetVault(client, servers: count)
        var checkpoints: [Checkpoint] = []
        for index in 0..<count {
            let parameters = CheckpointParameters(resources: ["fleet-server-\(index)"])
            checkpoints.append(try await client.createCheckpoint(vaultID: vault.id, parameters: parameters))
        }
        return (vault, checkpoints)
    }

    /// Waits for every checkpoint at once through one poller.
    private func waitForAll(_ poller: CheckpointPoller, _ checkpoints: [Checkpoint], vaultID: String) async throws
        -> [Checkpoint]
    {
        try await withThrowingTaskGroup(of: Checkpoint.self) { group in
            for checkpoint in checkpoints {
                group.addTask { try await poller.wait(for: checkpoint, vaultID: vaultID) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func fiftyWaitsInOneVaultShareAHandfulOfListingsAndNoShowCalls() async throws {
        try await withFleet(servers: 50) { emulator in
            // Given 50 checkpoints of 2 s each in one vault
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 50)
            let before = await emulator.control.requests().count
            // When all 50 are waited on at once through one poller
            let finished = try await waitForAll(CheckpointPoller(client: client), created, vaultID: vault.id)
            // Then each ends available, after a handful of listings and no show call at all
            #expect(finished.count == 50)
            #expect(finished.allSatisfy { $0.status == "available" })
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(!calls.contains("show_checkpoint"), "\(calls)")
            let listings = calls.filter { $0 == "list_backups" }.count
            #expect((1...10).contains(listings), "\(listings) listings for 50 waits: \(calls)")
            #expect(calls.count == listings, "only listings: \(calls)")
        }
    }

    @Test func aWaitLooksWhenTheVaultsLastBackupSaysItWillBeDone() async throws {
        try await withFleet(servers: 2) { emulator in
            // Given a poller that has seen one 2 s backup of the vault finish
            let client = emulator.client()
            let vault = try await fleetVault(client, servers: 2)
            let poller = CheckpointPoller(client: client)
            let first = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-0"]))
            _ = try await poller.wait(for: first, vaultID: vault.id)
            // When a second backup of the vault is waited on
            let second = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-1"]))
            let before = await emulator.control.requests().count
            let start = emulator.clock.elapsed
            let finished = try await poller.wait(for: second, vaultID: vault.id)
            // Then its one look comes when the first one's time says it ends (the schedule alone needs four:
            // 0.25 s, 0.63 s, 1.19 s, 2.04 s)
            #expect(finished.status == "available")
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls == ["list_backups"], "\(calls)")
            let waited = emulator.clock.elapsed - start
            #expect(waited >= .seconds(2) && waited <= .milliseconds(2_050), "\(waited)")
        }
    }

    @Test func aSlowListingDoesNotDelayTheLooksAfterIt() async throws {
        // Given listings that take 300 ms (of the shared virtual clock) and one 3.4 s backup
        let clock = VirtualClock()
        let emulator = try await EmulatorHarness.start(backupDuration: .milliseconds(3_400), clock: clock) {
            $0.sleep = { try await clock.sleep(for: $0) }
        }
        do {
            try await waitThroughSlowListings(emulator, clock: clock)
            await emulator.shutdown()
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    private func waitThroughSlowListings(_ emulator: EmulatorHarness, clock: VirtualClock) async throws {
        let client = emulator.client()
        let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
        let vault = try await client.createVault(name: "slow", sizeGB: 100)
        _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: server, type: "OS::Nova::Server")])
        _ = await emulator.control.addFault(FaultRule(operation: "list_backups", latencyMs: 300))
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: [server]))
        let start = clock.elapsed
        // When it is waited on with looks after 1 s, then pauses growing by a tenth
        let policy = WaitPolicy(initialInterval: .seconds(1), multiplier: 1.1, maxInterval: .seconds(10))
        let finished = try await CheckpointPoller(client: client, policy: policy).wait(for: checkpoint, vaultID: vault.id)
        // Then the looks begin at 1 s, 2.1 s and 3.31 s, as if listings took no time, and the third, answered at
        // 3.61 s, sees it done (counting the listings' time, they would begin at 1 s, 2.4 s and 3.91 s)
        #expect(finished.status == "available")
        let waited = clock.elapsed - start
        #expect(waited >= .milliseconds(3_400), "\(waited)")
        #expect(waited < .milliseconds(3_700), "\(waited)")
    }

    @Test func aCheckpointWithAFailedBackupEndsInError() async throws {
        try await withFleet(servers: 2) { emulator in
            let client = emulator.client()
            let vault = try await fleetVault(client, servers: 2)
            let good = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-0"]))
            _ = await emulator.control.addFault(try FaultRule(spec: "create_checkpoint:checkpoint-error,count=1"))
            let bad = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-1"]))
            let finished = try await waitForAll(CheckpointPoller(client: client), [good, bad], vaultID: vault.id)
            let statuses = Dictionary(uniqueKeysWithValues: finished.map { ($0.id, $0.status) })
            #expect(statuses == [good.id: "available", bad.id: "error"])
        }
    }

    @Test func aWaitSettledByAListingReturnsTheCheckpointsBackupsFromIt() async throws {
        try await withFleet(servers: 3) { emulator in
            // Given two checkpoints in one vault, one of two servers and one of the third
            let client = emulator.client()
            let vault = try await fleetVault(client, servers: 3)
            let pair = try await client.createCheckpoint(
                vaultID: vault.id, parameters: .init(resources: ["fleet-server-0", "fleet-server-1"])
            )
            let single = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-2"]))
            // When both are waited on through one poller
            let poller = CheckpointPoller(client: client)
            async let first = poller.waitWithBackups(for: pair, vaultID: vault.id)
            async let second = poller.waitWithBackups(for: single, vaultID: vault.id)
            let (pairOutcome, singleOutcome) = try await (first, second)
            // Then each comes back with its own backups, available, as the last listing showed them
            #expect(pairOutcome.checkpoint.status == "available")
            let pairBackups = try #require(pairOutcome.backups)
            #expect(Set(pairBackups.compactMap(\.resourceID)) == ["fleet-server-0", "fleet-server-1"])
            #expect(pairBackups.allSatisfy { $0.checkpointID == pair.id && $0.status == "available" })
            #expect(singleOutcome.backups?.compactMap(\.resourceID) == ["fleet-server-2"])
            // A checkpoint done before the wait comes back without backups (no listing settled it)
            let done = try await poller.waitWithBackups(for: pairOutcome.checkpoint, vaultID: vault.id)
            #expect(done.backups == nil)
        }
    }

    @Test func theLooksCountFromWhenTheCheckpointWasAskedForNotFromItsAnswer() async throws {
        try await withFleet(servers: 1) { emulator in
            // Given a 2 s checkpoint whose answer came 300 ms after it was asked for
            let client = emulator.client()
            let vault = try await fleetVault(client, servers: 1)
            let requested = emulator.clock.now()
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-0"]))
            try await emulator.clock.sleep(for: .milliseconds(300))
            let before = await emulator.control.requests().count
            // When it is waited on with looks after 1 s, then pauses a twentieth longer, from when it was asked for
            let policy = WaitPolicy(initialInterval: .seconds(1), multiplier: 1.05, maxInterval: .seconds(10))
            let finished = try await CheckpointPoller(client: client, policy: policy)
                .wait(for: checkpoint, vaultID: vault.id, requested: requested)
            // Then the looks come 1 s and 2.05 s after the request, and the second sees it done: 2.05 s from the
            // request (timed from the answer, they would come at 1.3 s and 2.35 s)
            #expect(finished.status == "available")
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls == ["list_backups", "list_backups"], "\(calls)")
            let waited = requested.duration(to: emulator.clock.now())
            #expect(waited >= .seconds(2) && waited <= .milliseconds(2_050), "\(waited)")
        }
    }

    @Test func eachPauseIsTheMultiplierTimesTheOneBeforeFromTheSecondOn() async throws {
        try await withFleet(servers: 1, backupDuration: .milliseconds(2_020)) { emulator in
            // Given a 2.02 s backup
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 1)
            let before = await emulator.control.requests().count
            let start = emulator.clock.now()
            // When it is waited on with looks after 1 s, then pauses a twentieth longer each
            let policy = WaitPolicy(initialInterval: .seconds(1), multiplier: 1.05, maxInterval: .seconds(10))
            let finished = try await CheckpointPoller(client: client, policy: policy).wait(for: created[0], vaultID: vault.id)
            // Then the looks come at 1 s and 2.05 s, and the second sees it done (with the first pause repeated,
            // at 1 s, 2 s and 3.05 s)
            #expect(finished.status == "available")
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls == ["list_backups", "list_backups"], "\(calls)")
            #expect(start.duration(to: emulator.clock.now()) == .milliseconds(2_050))
        }
    }

    @Test("looks on whole seconds see a backup of whole seconds a hundredth late, with fewer listings", arguments: [
        (backup: 2, looks: 2, seen: 2_020), (backup: 20, looks: 14, seen: 20_200),
    ])
    func looksOnWholeSeconds(backup: Int, looks: Int, seen: Int) async throws {
        try await withFleet(servers: 1, backupDuration: .seconds(backup)) { emulator in
            // Given a backup of whole seconds, asked for now
            let client = emulator.client()
            let vault = try await fleetVault(client, servers: 1)
            let requested = emulator.clock.now()
            let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(resources: ["fleet-server-0"]))
            let before = await emulator.control.requests().count
            // When it is waited on with the pauses growing by a twentieth, each look just after a whole second
            let policy = WaitPolicy(
                initialInterval: .seconds(1), multiplier: 1.05, maxInterval: .seconds(10), looksOnWholeSeconds: true
            )
            let finished = try await CheckpointPoller(client: client, policy: policy)
                .wait(for: checkpoint, vaultID: vault.id, requested: requested)
            // Then the look that sees it done comes a hundredth after its end (2.02 s, 20.2 s; without the move to
            // whole seconds 2.05 s and 21.58 s, after 15 listings), in no more listings than before
            #expect(finished.status == "available")
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls == Array(repeating: "list_backups", count: looks), "\(calls)")
            #expect(requested.duration(to: emulator.clock.now()) == .milliseconds(seen))
        }
    }

    @Test func aLookOnAWholeSecondIsNeverSoonerThanHalfAPause() {
        // Given a look due 1.4 s after the start whose pause was 1 s, asked for at 1.2 s
        let start = ContinuousClock.now
        let earliest = start.advanced(by: .milliseconds(1_700))
        // When it is moved to a whole second: the nearest (1 s) is before half a pause from now, so the next
        let moved = CheckpointPoller.justAfterWholeSecond(
            near: start.advanced(by: .milliseconds(1_400)), from: start, notBefore: earliest
        )
        // Then it is 2 s and a hundredth
        #expect(start.duration(to: moved) == .milliseconds(2_020))
        // And a look near 2.4 s moves to 2.02 s, one near 0.3 s to 1.01 s (never before a second)
        let near = CheckpointPoller.justAfterWholeSecond(
            near: start.advanced(by: .milliseconds(2_400)), from: start, notBefore: start
        )
        #expect(start.duration(to: near) == .milliseconds(2_020))
        let first = CheckpointPoller.justAfterWholeSecond(
            near: start.advanced(by: .milliseconds(300)), from: start, notBefore: start
        )
        #expect(start.duration(to: first) == .milliseconds(1_010))
    }

    @Test func aCheckpointTheListingDoesNotShowIsAskedForDirectly() async throws {
        try await withFleet(servers: 1) { emulator in
            // Given a checkpoint whose vault ID is wrong, so the listing of that "vault" never mentions it
            let client = emulator.client()
            let (_, created) = try await checkpoints(client, servers: 1)
            let before = await emulator.control.requests().count
            let poller = CheckpointPoller(client: client)
            let finished = try await poller.waitWithBackups(for: created[0], vaultID: "not-the-vault")
            // Then the poller falls back to show calls and still finds it done (with no backups: no listing did)
            #expect(finished.checkpoint.status == "available")
            #expect(finished.backups == nil)
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls.contains("show_checkpoint"), "\(calls)")
        }
    }

    @Test func aWaitPastItsTimeoutThrowsWaitTimeout() async throws {
        try await withFleet(servers: 1, backupDuration: .seconds(3600)) { emulator in
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 1)
            let poller = CheckpointPoller(client: client)
            await #expect {
                try await poller.wait(for: created[0], vaultID: vault.id, timeout: .seconds(30))
            } throws: { error in
                (error as? ClientError)?.kind == .waitTimeout
            }
            #expect(await poller.pendingCount == 0)
        }
    }

    @Test func aListingThatFailsAfterItsRetriesIsTriedAgainAtTheNextRound() async throws {
        try await withFleet(servers: 10) { emulator in
            // Given 10 waits on one vault, and a service whose next listing fails with 500s through all retries
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 10)
            let attempts = client.configuration.retryPolicy.maxAttempts
            _ = await emulator.control.addFault(try FaultRule(spec: "list_backups:status=500,count=\(attempts)"))
            let before = await emulator.control.requests().count
            // When they are waited on through one poller
            let finished = try await waitForAll(CheckpointPoller(client: client), created, vaultID: vault.id)
            // Then the failed round does not fail them: a later listing settles all ten, without show calls
            #expect(finished.count == 10)
            #expect(finished.allSatisfy { $0.status == "available" })
            let calls = await emulator.control.requests().dropFirst(before)
            let listings = calls.filter { $0.operation == "list_backups" }
            #expect(listings.filter { $0.status == 500 }.count == attempts)
            #expect(listings.contains { $0.status == 200 })
            #expect(!calls.contains { $0.operation == "show_checkpoint" })
        }
    }

    @Test func waitsEndWithTheErrorAfterThreeFailedLooksInARow() async throws {
        try await withFleet(servers: 2) { emulator in
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 2)
            _ = await emulator.control.addFault(try FaultRule(spec: "list_backups:status=503,count=1000"))
            let before = await emulator.control.requests().count
            let poller = CheckpointPoller(client: client)
            await #expect {
                _ = try await waitForAll(poller, created, vaultID: vault.id)
            } throws: { error in
                (error as? ClientError)?.status == 503
            }
            let listings = await emulator.control.requests().dropFirst(before).filter { $0.operation == "list_backups" }
            #expect(listings.count == WaitPolicy.failedLooksAllowed * client.configuration.retryPolicy.maxAttempts)
            #expect(await poller.pendingCount == 0)
        }
    }

    @Test func anErrorAnotherLookCannotFixEndsTheWaitsAtOnce() async throws {
        try await withFleet(servers: 2) { emulator in
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 2)
            _ = await emulator.control.addFault(
                try FaultRule(spec: "list_backups:status=404,code=BackupService.6100,count=1000")
            )
            let before = await emulator.control.requests().count
            await #expect {
                _ = try await waitForAll(CheckpointPoller(client: client), created, vaultID: vault.id)
            } throws: { error in
                (error as? ClientError)?.status == 404
            }
            let listings = await emulator.control.requests().dropFirst(before).filter { $0.operation == "list_backups" }
            #expect(listings.count == 1)
        }
    }

    @Test func aCancelledWaitThrowsCancellationErrorAndLeavesThePoller() async throws {
        try await withFleet(servers: 1, backupDuration: .seconds(7 * 24 * 3600)) { emulator in
            let client = emulator.client()
            let (vault, created) = try await checkpoints(client, servers: 1)
            let poller = CheckpointPoller(client: client)
            let task = Task { try await poller.wait(for: created[0], vaultID: vault.id) }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(await poller.pendingCount == 0)
        }
    }
}
