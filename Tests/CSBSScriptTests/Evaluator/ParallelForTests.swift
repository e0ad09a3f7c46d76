import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@Suite("for … parallel")
struct ParallelForTests {
    /// What a run left behind.
    struct Run {
        var output: CollectingOutput
        var failure: RuntimeFailure?
        var calls: [String]
    }

    /// Starts an emulator whose demo project has `servers` more servers (`fleet-server-0` …).
    private func emulator(servers: Int = 0, backupDuration: Duration = .seconds(2)) async throws -> EmulatorHarness {
        let entries = (0..<servers).map { #"{"id": "fleet-server-\#($0)", "name": "fleet-\#($0)"}"# }
        let inventory = try EmulatorInventory.decode(Data(#"{"servers": [\#(entries.joined(separator: ","))]}"#.utf8))
        return try await EmulatorHarness.start(backupDuration: backupDuration) {
            if servers > 0 { $0.inventory = inventory }
        }
    }

    /// Parses and runs `text` against `emulator`; `calls` are the SDK operations it sent, in order.
    private func runScript(
        _ text: String, on emulator: EmulatorHarness, transport: any HTTPTransport = HTTP1Transport()
    ) async throws -> Run {
        let output = CollectingOutput()
        let file = SourceFile(name: "<test>", text: text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.map(\.text))")
        var interpreter = Interpreter(client: emulator.client(transport: transport), output: output)
        let result = try await interpreter.checkAndRun(file)
        let calls = await emulator.control.requests().compactMap(\.operation)
        if case .failure(let failure) = result { return Run(output: output, failure: failure, calls: calls) }
        return Run(output: output, failure: nil, calls: calls)
    }

    private func withEmulator<T>(
        servers: Int = 0, backupDuration: Duration = .seconds(2), _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        let harness = try await emulator(servers: servers, backupDuration: backupDuration)
        do {
            let value = try await body(harness)
            await harness.shutdown()
            return value
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    private func summaryRecord(_ output: CollectingOutput) -> ResultRecord? {
        output.results.last { $0.kind == "parallel" }
    }

    // MARK: Output and failures

    @Test func resultsArePrintedWholeAndInItemOrder() async throws {
        try await withEmulator { emulator in
            // Given a first item that waits on the network while the others finish at once
            let script = """
                for n in [0, 1, 2, 3] parallel 4 {
                    if $n == 0 { vaults }
                    echo "item ${n}"
                }
                """
            let run = try await runScript(script, on: emulator)
            // Then its results still come first, and every item's lines stay together, then the summary
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.output.results.map(\.kind) == ["vaults", "echo", "echo", "echo", "echo", "parallel"])
            #expect(run.output.results.filter { $0.kind == "echo" }.map(\.summary) == ["item 0", "item 1", "item 2", "item 3"])
            let summary = try #require(summaryRecord(run.output))
            #expect(summary["total"] == .integer(4))
            #expect(summary["succeeded"] == .integer(4))
            #expect(summary["failed"] == .integer(0))
        }
    }

    @Test func aFailingItemDoesNotStopTheOthersButFailsTheLoop() async throws {
        try await withEmulator { emulator in
            let script = """
                for n in [1, 2, 3] parallel 2 {
                    if $n == 2 { use vault "missing-${n}" }
                    echo "done ${n}"
                }
                echo "not reached"
                """
            let run = try await runScript(script, on: emulator)
            // The other items ran to the end; the loop failed after them, and `on error stop` ended the script
            #expect(run.output.results.filter { $0.kind == "echo" }.map(\.summary) == ["done 1", "done 3"])
            #expect(run.failure?.category == .command)
            #expect(run.failure?.diagnostic.id.description == "runtime.parallelFailed")
            #expect(run.failure?.diagnostic.text.hasPrefix("1 of 3 items failed; the first, item 2 (2):") == true)
            let summary = try #require(summaryRecord(run.output))
            #expect(summary["succeeded"] == .integer(2))
            #expect(summary["failed"] == .integer(1))
            guard case .list(let items)? = summary["items"] else {
                Issue.record("no items in \(summary)")
                return
            }
            let statuses = items.compactMap { item -> String? in
                if case .record(let record) = item, case .string(let status)? = record["status"] { status } else { nil }
            }
            #expect(statuses == ["succeeded", "failed", "succeeded"])
            // The item's own diagnostic was printed once, in its place, and the loop's after the summary
            #expect(run.output.diagnostics.count == 2, "\(run.output.diagnostics)")
        }
    }

    @Test func onErrorContinueKeepsTheLoopFailureInError() async throws {
        try await withEmulator { emulator in
            let script = """
                on error continue
                for n in [1, 2, 3] parallel 3 {
                    use vault "missing-${n}"
                }
                echo "${error.id}: ${error.message}"
                """
            let run = try await runScript(script, on: emulator)
            #expect(run.failure == nil)
            let last = try #require(run.output.results.last)
            #expect(last.summary.hasPrefix("runtime.parallelFailed: 3 of 3 items failed; the first, item 1 (1):"), "\(last.summary)")
        }
    }

    @Test func anItemCannotChangeOuterVariablesAtRunTime() async throws {
        // A sourced file with a computed path is not checked ahead; the evaluator refuses the `set` itself.
        try await withEmulator { emulator in
            let output = CollectingOutput()
            let file = SourceFile(name: "main.csbs", text: "let total = 0\nlet lib = \"lib.csbs\"\nfor n in [1] parallel 1 { source $lib }")
            var interpreter = Interpreter(client: emulator.client(), output: output)
            interpreter.loader = { path, _ in .success(SourceFile(name: path, text: "set total = 1")) }
            let result = try await interpreter.checkAndRun(file)
            guard case .failure(let failure) = result else {
                Issue.record("the run should fail")
                return
            }
            #expect(failure.diagnostic.text.contains("set total"), "\(failure.diagnostic.text)")
            #expect(output.diagnostics.contains { $0.contains("[runtime.setInParallel]") }, "\(output.diagnostics)")
        }
    }

    /// A string converts when it is entirely a whole number (`"8"`, as `$1` gives it), by the one rule.
    @Test(arguments: [
        ("0", false), ("257", false), ("\"eight\"", false), ("\"8 \"", false), ("\"8\"", true), ("2", true), ("256", true),
    ])
    func aComputedWidthIsCheckedAtRunTime(width: String, valid: Bool) async throws {
        try await withEmulator { emulator in
            let run = try await runScript("let width = \(width)\nfor n in [1, 2] parallel $width { echo $n }", on: emulator)
            #expect((run.failure == nil) == valid, "\(run.output.diagnostics)")
            if !valid {
                #expect(run.failure?.diagnostic.id.description == "runtime.badArgument")
                #expect(run.output.results.isEmpty, "no item ran")
            }
        }
    }

    // MARK: Concurrency

    @Test func noMoreThanNItemsRunAtOnce() async throws {
        try await withEmulator { emulator in
            // Given a transport that counts requests in flight (and lingers a little so that they overlap)
            let counting = CountingTransport(inner: HTTP1Transport())
            let script = """
                vaults
                for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] parallel 4 {
                    vaults
                }
                """
            let run = try await runScript(script, on: emulator, transport: counting)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(run.calls.filter { $0 == "list_vault" }.count == 21)
            #expect(counting.maximum <= 4, "at most 4 at once, saw \(counting.maximum)")
            #expect(counting.maximum >= 2, "the items did run side by side")
        }
    }

    @Test func cancellingTheRunCancelsEveryItem() async throws {
        try await withEmulator(backupDuration: .seconds(7 * 24 * 3600)) { emulator in
            let script = """
                vault "long" size 100
                attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
                let cp = backup
                for n in [1, 2, 3, 4] parallel 2 {
                    wait $cp.id
                }
                """
            let task = Task { try await runScript(script, on: emulator) }
            // Wait (without sleeping) until the items are polling, then interrupt
            while await !emulator.control.requests().contains(where: { $0.operation == "list_backups" }) {
                await Task.yield()
            }
            task.cancel()
            let run = try await task.value
            #expect(run.failure?.category == .interrupted)
            let summary = try #require(summaryRecord(run.output))
            #expect(summary["succeeded"] == .integer(0))
        }
    }

    @Test func allItemsShareTheClientsPacing() async throws {
        try await withEmulator { emulator in
            // Given one client paced at 10 requests per second with no burst
            var configuration = emulator.configuration()
            configuration.pacing = Pacing(rate: 10, burst: 1)
            let clock = emulator.clock
            let client = BackupClient(
                configuration: configuration, transport: HTTP1Transport(), clock: clock, currentDate: { clock.date }
            )
            let output = CollectingOutput()
            let file = SourceFile(name: "<test>", text: "for n in [\((1...20).map(String.init).joined(separator: ", "))] parallel 20 { vaults }")
            var interpreter = Interpreter(client: client, output: output)
            let started = clock.elapsed
            let result = try await interpreter.checkAndRun(file)
            if case .failure(let failure) = result { Issue.record("\(failure.diagnostic.text)") }
            // Then the 20 items' requests (and the token request) were spaced by the one bucket: 21 requests at
            // 10 per second take at least 2 s of (virtual) time, where one bucket per item would take none.
            #expect(clock.elapsed - started >= .seconds(2), "\(clock.elapsed - started)")
        }
    }

    // MARK: The shared poller

    @Test func waitsInsideTheBodyShareOneListingPerRound() async throws {
        try await withEmulator(servers: 20) { emulator in
            let ids = (0..<20).map { "fleet-server-\($0)" }.joined(separator: ", ")
            let script = """
                vault "fleet" size 10000
                for s in [\(ids)] parallel 20 {
                    attach server $s
                    backup server $s wait
                }
                """
            let run = try await runScript(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            #expect(summaryRecord(run.output)?["succeeded"] == .integer(20))
            #expect(run.calls.filter { $0 == "create_checkpoint" }.count == 20)
            #expect(!run.calls.contains("show_checkpoint"), "\(run.calls)")
            let listings = run.calls.filter { $0 == "list_backups" }.count
            #expect((1...20).contains(listings), "\(listings) listings: \(run.calls)")
        }
    }
}

extension ParallelForTests {
    @Test func aFleetCostsFewerThanThreeCallsPerServer() async throws {
        try await withEmulator(servers: 64) { emulator in
            // Given 64 servers backed up 16 at a time, each backup taking 2 s
            let ids = (0..<64).map { "fleet-server-\($0)" }.joined(separator: ", ")
            let script = """
                vault "fleet" size 100000
                for s in [\(ids)] parallel 16 {
                    attach server $s
                    backup server $s wait
                }
                """
            let run = try await runScript(script, on: emulator)
            #expect(run.failure == nil, "\(run.output.diagnostics)")
            // Then the API calls (token and vault included) stay under 3 per server: attach, create, and a share
            // of the listings
            let calls = run.calls.count
            #expect(calls < 3 * 64, "\(calls) calls: \(Dictionary(grouping: run.calls, by: { $0 }).mapValues(\.count))")
        }
    }
}

/// Forwards to another transport and records the most requests that were in flight at once.
final class CountingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let state = Mutex((current: 0, maximum: 0))

    init(inner: any HTTPTransport) {
        self.inner = inner
    }

    var maximum: Int { state.withLock { $0.maximum } }

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        state.withLock {
            $0.current += 1
            $0.maximum = max($0.maximum, $0.current)
        }
        defer { state.withLock { $0.current -= 1 } }
        for _ in 0..<20 { await Task.yield() }
        return try await inner.execute(request, timeout: timeout, logger: logger)
    }
}

@Suite("Example runbook backup-fleet.csbs")
struct BackupFleetExampleTests {
    @Test func backsUpEveryServerOfTheProject() async throws {
        let url = ExampleRunbookTests.folder.appendingPathComponent("backup-fleet.csbs")
        let file = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.text))")
        var resolver = Resolver()
        #expect(resolver.resolve(parsed.script, in: file).isEmpty)
        let output = CollectingOutput()
        let (outcome, calls) = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, scriptName: "backup-fleet.csbs")
            let outcome = try await interpreter.checkAndRun(file)
            return (outcome, await emulator.control.requests().compactMap(\.operation))
        }
        if case .failure(let failure) = outcome { Issue.record("\(failure.diagnostic.text)\n\(output.transcript)") }
        let summary = try #require(output.results.last { $0.kind == "parallel" })
        #expect(summary["failed"] == .integer(0))
        #expect(summary["total"] == summary["succeeded"])
        #expect(output.results.last?.summary.hasPrefix("fleet backup complete: ") == true, "\(output.transcript)")
        #expect(!calls.contains("show_checkpoint"), "waits go through the shared poller: \(calls)")
        // The seeded project has three running servers and a stopped one, which is skipped
        #expect(calls.filter { $0 == "create_checkpoint" }.count == 3, "\(calls)")
        #expect(output.results.contains { $0.summary.hasPrefix("skipped ecs-9f93-0005: ") }, "\(output.transcript)")
    }
}
