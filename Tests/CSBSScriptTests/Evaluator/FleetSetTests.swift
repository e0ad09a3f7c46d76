import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Logging
import Testing

/// The set forms: `attach server LIST` and `detach server LIST` in batches of 256, `backup server LIST wait` as one
/// checkpoint, and how their partial failures are reported.
@Suite("attach, detach and backup of a set of servers")
struct FleetSetTests {
    struct Run {
        var output: CollectingOutput
        var failure: RuntimeFailure?
        /// The SDK operations sent, in order (the emulator's request log).
        var calls: [String]
    }

    static func serverID(_ number: Int) -> String { "fleet-server-\(number)" }

    /// The script line that declares `fleet`: `count` servers of the inventory.
    static func fleet(_ count: Int, from first: Int = 0) -> String {
        "let fleet = [" + (first..<first + count).map { "\"\(serverID($0))\"" }.joined(separator: ", ") + "]"
    }

    private func withFleet<T>(
        servers: Int, configure: (inout EmulatorConfiguration) -> Void = { _ in },
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        let entries = (0..<servers).map { #"{"id": "\#(Self.serverID($0))", "name": "fleet-\#($0)"}"# }
        let inventory = try EmulatorInventory.decode(Data(#"{"servers": [\#(entries.joined(separator: ","))]}"#.utf8))
        let harness = try await EmulatorHarness.start {
            $0.inventory = inventory
            configure(&$0)
        }
        do {
            let value = try await body(harness)
            await harness.shutdown()
            return value
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    private func run(_ text: String, on emulator: EmulatorHarness) async throws -> Run {
        let output = CollectingOutput()
        var interpreter = Interpreter(client: emulator.client(), output: output)
        let result = try await interpreter.checkAndRun(SourceFile(name: "<test>", text: text))
        let calls = await emulator.control.requests().compactMap(\.operation)
        if case .failure(let failure) = result { return Run(output: output, failure: failure, calls: calls) }
        return Run(output: output, failure: nil, calls: calls)
    }

    private static func actions(_ record: ResultRecord?) -> [String: String] {
        guard case .list(let rows)? = record?["resources"] else { return [:] }
        var actions: [String: String] = [:]
        for case .record(let row) in rows {
            if case .string(let id)? = row["id"], case .string(let action)? = row["action"] { actions[id] = action }
        }
        return actions
    }

    @Test("600 servers attach in three calls of at most 256; again, nothing is sent")
    func batchesOf256() async throws {
        try await withFleet(servers: 600) { emulator in
            let script = """
                vault "fleet" size 10000
                \(Self.fleet(600))
                attach server $fleet
                attach server $fleet
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.calls.filter { $0 == "add_vault_resource" }.count == 3)
            let sizes = await emulator.control.requests().filter { $0.operation == "add_vault_resource" }.count
            #expect(sizes == 3)
            let results = run.output.results.filter { $0.kind == "attach" }
            #expect(results.map { $0["attached"] } == [.integer(600), .integer(0)])
            #expect(results.map { $0["already_attached"] } == [.integer(0), .integer(600)])
            #expect(results.first?.summary == #"600 servers to vault "fleet": 600 attached, 0 already attached, 0 failed"#)
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            #expect(vault?.resources?.count == 600)
        }
    }

    @Test("a server in another vault is reported on its own; the others are attached and the statement fails last")
    func oneServerInAnotherVault() async throws {
        try await withFleet(servers: 10) { emulator in
            let script = """
                vault "other" size 100
                attach server \(Self.serverID(3))
                vault "fleet" size 1000
                \(Self.fleet(10))
                attach server \(Self.serverID(7))
                on error continue
                let attached = attach server $fleet
                echo "${error.id}"
                let bound = $attached ?? "nothing bound"
                echo "${bound}: ${error.result.failed} failed of ${len($error.result.resources)}"
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            let result = run.output.results.last { $0.kind == "attach" }
            let actions = Self.actions(result)
            #expect(actions[Self.serverID(3)] == "failed")
            #expect(actions[Self.serverID(7)] == "already attached")
            #expect(actions.values.filter { $0 == "attached" }.count == 8)
            #expect(result?["failed"] == .integer(1))
            // People see the refused server under the summary; a script finds every outcome in `$error.result`
            #expect(result?.details?.map { $0["id"] } == [.string(Self.serverID(3))])
            #expect(result?.details?.first?["code"] == .string("BackupService.6103"))
            #expect(result?.details?.first?["reason"]?.description.contains(Self.serverID(3)) == true)
            let echoed = run.output.results.filter { $0.kind == "echo" }.map(\.summary)
            #expect(echoed == ["runtime.attachFailed", "nothing bound: 1 failed of 10"])
            // … and which vault holds it, by name (the service's message gives only its ID)
            #expect(run.output.diagnostics.contains {
                $0.contains("1 of 10 servers not attached: \(Self.serverID(3)) (in vault \"other\": add resources: BackupService.6103")
            })
            // The service holds exactly what was reported
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            #expect(Set(vault?.resources?.map(\.id) ?? []) == Set((0..<10).filter { $0 != 3 }.map(Self.serverID)))
        }
    }

    @Test("one server in another vault: the error names that vault and the ways on, and keeps the service's code")
    func aServerInAnotherVaultNamesIt() async throws {
        try await withFleet(servers: 2) { emulator in
            let script = """
                vault "other" size 100
                attach server \(Self.serverID(1))
                vault "fleet" size 100
                on error continue
                attach server \(Self.serverID(1))
                echo "${error.code}"
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.output.results.last?.summary == "BackupService.6103")
            let expected = "server \(Self.serverID(1)) is in another vault, \"other\": 'use vault \"other\"' backs it up "
                + "there, or detach it from that vault first (add resources: BackupService.6103: "
            #expect(run.output.diagnostics.contains { $0.contains(expected) }, "\(run.output.diagnostics)")
        }
    }

    @Test("300 servers detach in two calls of at most 256, each server once; again, nothing is sent")
    func detachInBatches() async throws {
        try await withFleet(servers: 300) { emulator in
            let script = """
                vault "fleet" size 10000
                \(Self.fleet(300))
                attach server $fleet
                detach server $fleet [\(Self.serverID(0))]
                detach server $fleet
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.calls.filter { $0 == "remove_vault_resource" }.count == 2)
            let results = run.output.results.filter { $0.kind == "detach" }
            #expect(results.first?.summary == #"300 servers from vault "fleet": 300 detached, 0 failed"#)
            #expect(results.first?["detached"] == .integer(300))
            // The service removes them in the background: the second look finds them being removed, or gone
            let second = Self.actions(results.last)
            #expect(second.count == 300)
            #expect(second.values.allSatisfy { $0 == "being detached" || $0 == "not attached" })
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            #expect(vault?.resources?.allSatisfy { $0.protectStatus == "removing" } ?? true)
        }
    }

    @Test("a refused detach batch leaves its servers reported as still attached; the others go; the statement fails last")
    func refusedDetachBatch() async throws {
        try await withFleet(servers: 300) { emulator in
            let script = """
                vault "fleet" size 10000
                \(Self.fleet(300))
                attach server $fleet
                on error continue
                detach server $fleet
                echo "${error.id}: ${error.result.detached} detached, ${error.result.failed} failed"
                """
            _ = await emulator.control.addFault(
                FaultRule(operation: "remove_vault_resource", count: 1, status: 400, errorCode: "BackupService.6135")
            )
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.output.results.last?.summary == "runtime.detachFailed: 44 detached, 256 failed")
            #expect(run.output.diagnostics.contains { $0.contains("256 of 300 servers not detached: \(Self.serverID(0)) (") })
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            let held = vault?.resources?.filter { $0.protectStatus != "removing" }.count
            #expect(held == 256)
        }
    }

    @Test("a 429 and a lost answer mid-batch are retried and reconciled: every server attached, none sent twice")
    func throttledAndLostAnswers() async throws {
        try await withFleet(servers: 300) { emulator in
            _ = await emulator.control.addFault(
                FaultRule(operation: "add_vault_resource", count: 1, status: 429, errorCode: "APIGW.0308")
            )
            let script = """
                vault "fleet" size 10000
                \(Self.fleet(300))
                attach server $fleet
                """
            // The second batch's answer is lost after the service applied it
            _ = await emulator.control.addFault(
                FaultRule(operation: "add_vault_resource", count: 1, drop: true, phase: .after)
            )
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            let result = run.output.results.last { $0.kind == "attach" }
            #expect(result?["attached"] == .integer(300))
            // 429 (not applied) + its retry, then the lost one reconciled by showing the vault, then the rest
            let writes = await emulator.control.requests().filter { $0.operation == "add_vault_resource" }
            #expect(writes.map(\.status) == [429, nil, 200])
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            #expect(vault?.resources?.count == 300)
        }
    }

    @Test("a refused batch is split until the refused server is alone; nothing is reported attached that is not")
    func refusedBatchIsSplit() async throws {
        try await withFleet(servers: 8) { emulator in
            let script = """
                vault "fleet" size 1000
                \(Self.fleet(8))
                on error continue
                attach server $fleet missing-server
                """
            let run = try await run(script, on: emulator)
            let result = run.output.results.last { $0.kind == "attach" }
            let actions = Self.actions(result)
            #expect(actions["missing-server"] == "failed")
            #expect(actions.values.filter { $0 == "attached" }.count == 8)
            #expect(run.output.results.last?.kind == "attach")
            let vault = try await emulator.client().vaults(VaultQuery(name: "fleet")).collect().first
            #expect(vault?.resources?.count == 8)
        }
    }

    @Test("a set backup that ends in error shows each server's backup to people and to the script, in $error.result")
    func aFailedSetBackupKeepsEachServersBackup() async throws {
        try await withFleet(servers: 3) { emulator in
            _ = await emulator.control.addFault(FaultRule(operation: "create_checkpoint", count: 1, checkpointError: true))
            let script = """
                vault "fleet" size 1000
                \(Self.fleet(3))
                attach server $fleet
                on error continue
                let cp = backup server $fleet wait
                let statuses = []
                for b in $error.result.backups { set statuses = $statuses + [$b.status] }
                echo "${error.id}: ${error.result.status}, ${statuses}"
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            let result = run.output.results.last { $0.kind == "checkpoint" }
            #expect(result?.details?.count == 3)
            #expect(result?.details?.map { $0["status"] } == Array(repeating: .string("error"), count: 3))
            #expect(Set(result?.details?.compactMap { $0["resource_id"]?.description } ?? []) == Set((0..<3).map(Self.serverID)))
            let echoed = run.output.results.last { $0.kind == "echo" }?.summary
            #expect(echoed == #"runtime.backupFailed: error, ["error","error","error"]"#)
        }
    }

    @Test("a refusal of the whole call is not split: its resources fail after one call and one look at the vault")
    func wholeCallRefusalIsNotSplit() async throws {
        try await withFleet(servers: 8) { emulator in
            _ = await emulator.control.addFault(
                FaultRule(operation: "add_vault_resource", count: 1, status: 400, errorCode: "BackupService.9900")
            )
            let script = """
                vault "fleet" size 1000
                \(Self.fleet(8))
                on error continue
                attach server $fleet
                """
            let run = try await run(script, on: emulator)
            let result = run.output.results.last { $0.kind == "attach" }
            #expect(result?["failed"] == .integer(8))
            #expect(run.calls.filter { $0 == "add_vault_resource" }.count == 1)
            #expect(run.calls.filter { $0 == "show_vault" }.count == 1)
        }
    }

    @Test("the set's wait times its looks from when the checkpoint was asked for, not from its slow answer")
    func looksCountFromTheRequest() async throws {
        try await withFleet(servers: 10) { emulator in
            // Given a create_checkpoint whose answer takes 300 ms to come back (the service started the backup when
            // it got the request) and 2 s backups
            let output = CollectingOutput()
            let transport = SlowAnswers(clock: emulator.clock, operation: .createCheckpoint, delay: .milliseconds(300))
            var interpreter = Interpreter(client: emulator.client(transport: transport), output: output)
            let script = """
                \(Self.fleet(10))
                vault "fleet" size 1000
                attach server $fleet
                backup server $fleet wait
                """
            let result = try await interpreter.checkAndRun(SourceFile(name: "<test>", text: script))
            guard case .success = result else {
                Issue.record("\(output.diagnostics)")
                return
            }
            // Then the looks come 1.01 s and 2.02 s after the request and the second one sees the backup done:
            // 2.02 s (timed from the answer: 2.35 s)
            let backup = try #require(output.results.last { $0.kind == "checkpoint" })
            guard case .number(let elapsed)? = backup["elapsed_seconds"] else {
                Issue.record("no elapsed_seconds in \(backup)")
                return
            }
            #expect(elapsed <= 2.03, "\(elapsed)")
            let listings = await emulator.control.requests().filter { $0.operation == "list_backups" }.count
            #expect(listings == 2)
        }
    }

    /// The pin of issue 21: a 1,000-server set backup sends at most 20 calls besides the poller's rounds.
    @Test("1,000 servers: attach and back up the set in a fixed, small number of calls")
    func thousandServersCallCount() async throws {
        try await withFleet(servers: 1000) { emulator in
            let script = """
                \(Self.fleet(1000))
                vault "fleet" size 100000
                attach server $fleet
                backup server $fleet wait
                """
            let run = try await run(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            var counts: [String: Int] = [:]
            for call in run.calls { counts[call, default: 0] += 1 }
            #expect(counts["add_vault_resource"] == 4)
            #expect(counts["create_checkpoint"] == 1)
            // Besides the poller's rounds: token, vault look-up and creation, 4 attaches, 1 checkpoint.
            let besidesListings = run.calls.filter { $0 != "list_backups" }.count
            #expect(besidesListings == 9, "\(counts)")
            #expect(besidesListings <= 20)
            // The set's schedule looks at 1.01 s and 2.02 s for a 2 s backup (the default one would look 4 times);
            // the listing that finds it done reports each server's backup, so no listing follows.
            #expect(counts["list_backups"] == 2, "\(counts)")
            #expect(run.calls.last == "list_backups")
            let backup = try #require(run.output.results.last { $0.kind == "checkpoint" })
            #expect(backup["status"] == .string("available"))
            guard case .list(let backups)? = backup["backups"] else {
                Issue.record("no backups in \(backup)")
                return
            }
            #expect(backups.count == 1000)
        }
    }
}

/// A transport whose answers to one operation come `delay` (of the virtual clock) after the service sent them.
private struct SlowAnswers: HTTPTransport {
    let inner = HTTP1Transport()
    let clock: VirtualClock
    let operation: APIOperation
    let delay: Duration

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        let response = try await inner.execute(request, timeout: timeout, logger: logger)
        if request.call?.operation == operation { try await clock.sleep(for: delay) }
        return response
    }
}
