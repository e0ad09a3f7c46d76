import CSBSClient
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// `try … catch`, `retry` and what a failed capture binds, run on the emulator with virtual time.
@Suite("try and retry")
struct TryRetryTests {
    struct Run {
        var output: CollectingOutput
        var failure: RuntimeFailure?
        /// The virtual time the run took.
        var elapsed: Duration

        var echoes: [String] { output.results.filter { $0.kind == "echo" }.map(\.summary) }
        /// The ids of the diagnostics reported on the way, in order, from their rendered `file:l:c: severity: … [id]`.
        var reportedIDs: [String] {
            output.diagnostics.compactMap { text in
                guard let line = text.split(separator: "\n").first, line.hasSuffix("]"),
                    let open = line.lastIndex(of: "[")
                else { return nil }
                return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            }
        }
    }

    private func run(
        _ text: String, files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> Run {
        let output = CollectingOutput()
        let loader: Interpreter.SourceLoader = { path, _ in
            files[path].map { .success(SourceFile(name: path, text: $0)) } ?? .failure(SourceLoadError(reason: "missing"))
        }
        return try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, loader: loader)
            let start = emulator.clock.elapsed
            let result = try await interpreter.checkAndRun(SourceFile(name: "main.csbs", text: text))
            var run = Run(output: output, elapsed: emulator.clock.elapsed - start)
            if case .failure(let failure) = result { run.failure = failure }
            return run
        }
    }

    // MARK: try

    @Test func aFailureEndsTheBodyAndTheHandlerReadsTheErrorRecord() async throws {
        let run = try await run("""
            try {
                echo "before"
                use vault "no-such-vault"
                echo "never"
            } catch e {
                echo "caught ${e.code} (${e.id}) at ${e.file}:${e.line}:${e.column}, status ${e.status}"
                echo $e.message
            }
            echo "error is ${error}"
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes.count == 4)
        #expect(run.echoes[0] == "before")
        #expect(run.echoes[1] == "caught runtime.badArgument (runtime.badArgument) at main.csbs:3:15, status null")
        #expect(run.echoes[2].contains("no-such-vault"))
        #expect(run.echoes[3] == "error is null", "a caught failure leaves $error alone")
        #expect(run.output.diagnostics.isEmpty, "a caught failure is not reported")
    }

    @Test func theServicesCodeAndStatusReachTheHandler() async throws {
        let run = try await run("""
            vault "try-attach" size 40
            try { attach server 00000000-0000-4000-8000-00000000dead } catch e { echo "${e.code} ${e.status}" }
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["BackupService.6302 404"])
    }

    /// `try` is written around the step it guards: it wins over `on error continue` inside its body.
    @Test func underOnErrorContinueTheBodyStillEndsAtTheFirstFailure() async throws {
        let run = try await run("""
            on error continue
            try {
                use vault "no-such-vault"
                echo "never"
            } catch { echo "caught" }
            use vault "no-such-vault"
            echo "went on: ${error.code}"
            """)
        #expect(run.failure == nil)
        #expect(run.echoes == ["caught", "went on: runtime.badArgument"])
        #expect(run.reportedIDs == ["runtime.badArgument"], "only the failure outside the try is reported")
    }

    @Test func tryCatchesAFailedAssertButNotExit() async throws {
        let assertion = try await run("try { assert 1 == 2 \"not equal\" } catch e { echo \"${e.id}: ${e.message}\" }")
        #expect(assertion.failure == nil)
        #expect(assertion.echoes == ["runtime.assertionFailed: assertion failed: not equal"])
        let exit = try await run("try { exit 3 } catch { echo \"never\" }")
        #expect(exit.failure?.category == .exit(3))
        #expect(exit.echoes.isEmpty)
    }

    @Test func aFailureInTheHandlerIsAnOrdinaryFailure() async throws {
        let run = try await run("""
            try {
                try { use vault "a-missing" } catch inner { use vault "b-missing" }
            } catch outer { echo "outer caught: ${outer.message}" }
            try { use vault "c-missing" } catch { assert false "gave up" }
            echo "never"
            """)
        #expect(run.failure?.category == .assertion)
        #expect(run.echoes.count == 1)
        #expect(run.echoes.first?.contains("b-missing") == true, "\(run.echoes)")
        #expect(run.reportedIDs == ["runtime.assertionFailed"])
    }

    @Test func breakAndContinuePassThroughToTheEnclosingLoop() async throws {
        let run = try await run("""
            for i in 1..4 {
                try {
                    if $i == 2 { continue }
                    if $i == 4 { break }
                    echo "item ${i}"
                } catch { echo "never" }
            }
            """)
        #expect(run.failure == nil)
        #expect(run.echoes == ["item 1", "item 3"])
    }

    @Test func anErrorInASourcedFileIsLocatedInThatFile() async throws {
        let run = try await run(
            "try { source \"lib.csbs\" } catch e { echo \"${e.file}:${e.line}:${e.column}\" }",
            files: ["lib.csbs": "echo in-lib\n  use vault \"no-such-vault\""]
        )
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["in-lib", "lib.csbs:2:13"])
    }

    /// A `try` around a parallel loop catches the loop's failure; each failed item is still reported in the item.
    @Test func aTryAroundAParallelLoopCatchesTheLoopsFailure() async throws {
        let run = try await run("""
            try {
                for x in [1, 2, 3] parallel 2 { assert $x != 2 "two" }
            } catch e { echo "caught ${e.id} ${e.code}" }
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["caught runtime.parallelFailed runtime.assertionFailed"])
        #expect(run.reportedIDs == ["runtime.assertionFailed"])
    }

    // MARK: failed captures

    /// Under `on error continue` a `let`/`set` whose value fails binds `null`, a command or an expression alike;
    /// in a `try` body the body ends there, so a `set` leaves the variable as it was.
    @Test func whatAFailedCaptureBinds() async throws {
        let run = try await run("""
            on error continue
            let r = {a: 1}
            let missing = $r.b
            echo "missing is ${missing}: ${error.code}"
            let v = "old"
            try { set v = use vault "no-such-vault" } catch { echo "v is still ${v}" }
            set v = use vault "no-such-vault"
            echo "v is ${v}"
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["missing is null: runtime.noSuchField", "v is still old", "v is null"])
    }

    // MARK: retry

    /// The body fails twice (its `assert`), then passes: two warnings, and the waits went by on the virtual clock.
    @Test func retryRunsTheBodyAgainUntilItSucceeds() async throws {
        let script = """
            let n = 0
            retry 3 every 10s {
                if $n == 0 { set n = 1 } else if $n == 1 { set n = 2 } else { set n = 3 }
                assert $n == 3 "not yet"
            }
            echo "done after ${n}"
            """
        let run = try await run(script)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.echoes == ["done after 3"])
        #expect(run.reportedIDs == ["runtime.retrying", "runtime.retrying"])
        #expect(run.output.diagnostics.first?.contains("warning: attempt 1 of 3 failed: assertion failed: not yet; trying again in 10s") == true)
        #expect(run.elapsed == .seconds(20))
        let backoff = try await self.run(script.replacingOccurrences(of: "every 10s", with: "every 10s backoff"))
        #expect(backoff.failure == nil)
        #expect(backoff.elapsed == .seconds(30), "10s, then 20s")
        #expect(backoff.output.diagnostics.last?.contains("trying again in 20s") == true)
    }

    @Test func retryRunsACommandAgainAfterItFailed() async throws {
        let run = try await run("""
            let n = 0
            retry 2 {
                if $n == 1 { vault "late-vault" size 40 }
                set n = 1
                use vault "late-vault"
            }
            """)
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.reportedIDs == ["runtime.retrying"])
        #expect(run.elapsed == .zero, "without 'every' the next attempt starts at once")
    }

    /// After N failed attempts the last failure goes on as any failure: it ends the run, or `on error continue`
    /// keeps it in `$error`.
    @Test func theLastFailurePropagates() async throws {
        let stopped = try await run("retry 3 every 1m backoff { use vault \"no-such-vault\" }\necho never")
        #expect(stopped.failure?.diagnostic.id.description == "runtime.badArgument")
        #expect(stopped.reportedIDs == ["runtime.retrying", "runtime.retrying", "runtime.badArgument"])
        #expect(stopped.elapsed == .seconds(180), "1m and 2m between three attempts, none after the last")
        let continued = try await run("""
            on error continue
            retry 2 { use vault "no-such-vault" }
            echo "gave up: ${error.code} at line ${error.line}"
            """)
        #expect(continued.failure == nil)
        #expect(continued.echoes == ["gave up: runtime.badArgument at line 2"])
    }

    @Test func aFailedAssertIsRetriedButExitIsNot() async throws {
        let scoped = try await run("""
            let tries = 0
            retry 2 {
                if $tries == 1 { echo "second attempt" }
                set tries = 1
                assert $tries == 2
            }
            """)
        #expect(scoped.failure?.category == .assertion)
        #expect(scoped.echoes == ["second attempt"])
        let exit = try await run("retry 5 { exit 4 }")
        #expect(exit.failure?.category == .exit(4))
        #expect(exit.reportedIDs.isEmpty)
    }

    @Test func aComputedCountOutsideOneToAHundredIsABadArgument() async throws {
        let run = try await run("let n = \"0\"\nretry $n { echo never }")
        #expect(run.failure?.diagnostic.id.description == "runtime.badArgument")
        #expect(run.failure?.diagnostic.message.message.contains("from 1 to 100") == true)
        let converted = try await self.run("let n = \"2\"\nlet d = \"5s\"\nretry $n every $d { echo once }")
        #expect(converted.failure == nil)
        #expect(converted.echoes == ["once"])
    }

    @Test func theWaitsOfBackoffDoubleUpToAnHour() {
        let waits = (1...9).map { RetryStmt.delay(after: $0, interval: .seconds(10), backoff: true) }
        #expect(waits.map { Int($0.components.seconds) } == [10, 20, 40, 80, 160, 320, 640, 1280, 2560])
        #expect(RetryStmt.delay(after: 10, interval: .seconds(10), backoff: true) == .seconds(3600))
        #expect(RetryStmt.delay(after: 99, interval: .seconds(10), backoff: true) == .seconds(3600))
        #expect(RetryStmt.delay(after: 5, interval: .seconds(7200), backoff: true) == .seconds(7200), "never below D")
        #expect(RetryStmt.delay(after: 5, interval: .seconds(10), backoff: false) == .seconds(10))
    }
}
