import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// The runbooks in `scripts/examples/` that use the backup statements, run against the emulator with virtual time.
@Suite("Example runbooks over backups")
struct ExampleRunbookTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples")

    /// Runs `prelude` (to set the emulator up) and then the example in one interpreter; returns the echo lines.
    private func run(_ example: String, after prelude: String = "") async throws -> [String] {
        let url = Self.folder.appendingPathComponent(example)
        let file = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.text))")
        let setup = SourceFile(name: "prelude", text: prelude)
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, scriptName: example)
            if case .failure(let failure) = try await interpreter.checkAndRun(setup) {
                return Result<Void, RuntimeFailure>.failure(failure)
            }
            return try await interpreter.checkAndRun(file)
        }
        if case .failure = outcome { Issue.record("\(example) failed: \(output.transcript)") }
        return output.results.filter { $0.kind == "echo" }.map(\.summary)
    }

    @Test func restoreDrillRestoresOntoTheDrillServer() async throws {
        let lines = try await run("restore-drill.csbs")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("drill passed: backup ") == true)
        #expect(lines.first?.contains("onto 8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25") == true)
    }

    @Test func cleanupDeletesOnlyBackupsOlderThanTheRetention() async throws {
        let prelude = """
            vault "cleanup-vault" size 100
            attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            backup name "old-1" wait
            backup name "old-2" wait
            sleep 10d
            backup name "new" wait
            """
        let lines = try await run("cleanup-old-backups.csbs", after: prelude)
        #expect(lines == ["vault cleanup-vault: 1 of 3 backups kept (the newest and those of the last 7d)"])
    }

    /// Every example, as the README walks through them: `csbs run FILE [ARGS]`.
    static let walkThrough: [(file: String, arguments: [String])] = [
        ("seed-cbr.csbs", []), ("pre-upgrade.csbs", ["CHG-42"]), ("nightly-policy.csbs", []),
        ("restore-drill.csbs", []), ("cleanup-old-backups.csbs", []), ("backup-fleet.csbs", []),
        ("error-report.csbs", []), ("seed-csbs.csbs", []),
    ]

    /// Runs every example, one after another, on one emulator state (each in a fresh interpreter, as separate
    /// `csbs run`s would); returns the failures, with what the failing one printed.
    private func runInSequence(_ examples: [(file: String, arguments: [String])]) async throws -> [String] {
        try await withEmulator { emulator in
            var failures: [String] = []
            for (file, arguments) in examples {
                let url = Self.folder.appendingPathComponent(file)
                let source = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
                let output = CollectingOutput()
                var interpreter = Interpreter(
                    client: emulator.client(), output: output, arguments: arguments, scriptName: url.path
                )
                if case .failure(let failure) = try await interpreter.checkAndRun(source), failure.category != .exit(0) {
                    failures.append("\(file): \(output.transcript)")
                }
            }
            return failures
        }
    }

    /// The README walk-through in order, in reverse, and each example after every other: every example must run on
    /// a fresh state and on whatever the others left, so each converges instead of assuming.
    @Test func everyExampleRunsAfterEveryOtherInAnyOrder() async throws {
        let forward = Self.walkThrough
        let half = forward.count / 2
        let rotated: [(file: String, arguments: [String])] = Array(forward[half...]) + Array(forward[..<half])
        #expect(try await runInSequence(forward) == [])
        #expect(try await runInSequence(Array(forward.reversed())) == [])
        #expect(try await runInSequence(rotated + rotated) == [], "twice over: a rerun converges too")
    }

    @Test func nightlyPolicySetsUpAndBindsThePolicy() async throws {
        let lines = try await run("nightly-policy.csbs")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("vault prod-vault is protected by policy nightly-prod (") == true)
        #expect(lines.first?.hasSuffix("): every day at 02:00 UTC, keep 7") == true)
    }
}
