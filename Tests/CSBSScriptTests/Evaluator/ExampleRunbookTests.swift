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
        let (lines, failure) = try await runReturningFailure(example, after: prelude)
        if let failure { Issue.record("\(example) failed: \(failure.category) \(lines)") }
        return lines
    }

    /// As ``run(_:after:)``, with an environment and a way to answer `confirm` (yes, as `--yes`, unless told), and
    /// returning how the run failed (nil when it succeeded).
    private func runReturningFailure(
        _ example: String, after prelude: String = "", environment: [String: String] = [:],
        confirmation: ConfirmationSource = .assumeYes
    ) async throws -> (lines: [String], failure: RuntimeFailure?) {
        let url = Self.folder.appendingPathComponent(example)
        let file = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.text))")
        let setup = SourceFile(name: "prelude", text: prelude)
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(
                client: emulator.client(), output: output, environment: environment, scriptName: url.path
            )
            interpreter.confirmation = confirmation
            if case .failure(let failure) = try await interpreter.checkAndRun(setup) {
                return Result<Void, RuntimeFailure>.failure(failure)
            }
            return try await interpreter.checkAndRun(file)
        }
        let lines = output.results.filter { $0.kind == "echo" }.map(\.summary)
        if case .failure(let failure) = outcome { return (lines, failure) }
        return (lines, nil)
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
        ("error-report.csbs", []), ("seed-csbs.csbs", []), ("backup-prod.csbs", []), ("prune-backups.csbs", []),
        ("drill-deadline.csbs", []),
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

    @Test func backupProdBacksUpEveryListedServer() async throws {
        let lines = try await run("backup-prod.csbs")
        #expect(lines == ["prod backup: all 2 production servers backed up"])
    }

    @Test func backupProdReportsTheServerThatStillFailedAndExits1() async throws {
        // Given the stopped server among the production ones
        let environment = ["PROD_SERVERS": "ecs-9f93-0003,ecs-9f93-0005"]
        // When the runbook runs
        let (lines, failure) = try await runReturningFailure("backup-prod.csbs", environment: environment)
        // Then the running one is backed up, the stopped one reported, and the run ends with exit status 1
        #expect(failure?.category == .exit(1))
        #expect(lines.first == "prod backup: 1 of 2 servers failed:")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("  ecs-9f93-0005 (") == true)
    }

    @Test func pruneDeletesOnlyOldAutomaticBackupsAndKeepsEachServersNewest() async throws {
        let prelude = """
            vault "prune-vault" size 100
            attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            backup name "autobk_1" wait
            backup name "manual" wait
            backup name "autobk_2" wait
            sleep 40d
            backup name "autobk_3" wait
            """
        let lines = try await run("prune-backups.csbs", after: prelude)
        #expect(lines.first == "2 automatic backups older than 30d (of 4):")
        #expect(lines.count == 4)
        #expect(lines[1].contains(" autobk_2 of ") && lines[2].contains(" autobk_1 of "))
        #expect(lines.last == "retention cleanup: 2 deleted")
    }

    /// The prune asks before it deletes: an answer other than yes stops it with nothing deleted (exit status 1).
    @Test func pruneAsksBeforeDeletingAndStopsWithoutAYes() async throws {
        let prelude = """
            vault "prune-vault" size 100
            attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            backup name "autobk_1" wait
            backup name "manual" wait
            backup name "autobk_2" wait
            sleep 40d
            backup name "autobk_3" wait
            """
        let asked = QuestionLog()
        let answerNo = ConfirmationSource.ask { question in
            await asked.append(question)
            return .line("n")
        }
        let (lines, failure) = try await runReturningFailure("prune-backups.csbs", after: prelude, confirmation: answerNo)
        #expect(await asked.questions == ["delete 2 backups older than 30d? [y/N] "])
        #expect(failure?.diagnostic.id.description == "runtime.notConfirmed")
        #expect(failure.map { ExitStatus.code(for: $0) } == 1)
        #expect(lines.last?.contains(" autobk_1 of ") == true, "it listed them, then stopped: \(lines)")
    }

    @Test func drillWithADeadlinePassesWithinItsBudget() async throws {
        let lines = try await run("drill-deadline.csbs")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("drill passed in ") == true)
        let restored = "of 1h: backup of e8cc6bfd-d324-4b88-9109-9fb0ba70676f restored onto "
        #expect(lines.first?.hasSuffix(restored + "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25") == true)
    }

    @Test func nightlyPolicySetsUpAndBindsThePolicy() async throws {
        let lines = try await run("nightly-policy.csbs")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("vault prod-vault is protected by policy nightly-prod (") == true)
        #expect(lines.first?.hasSuffix("): every day at 02:00 UTC, keep 7") == true)
    }
}

/// The questions a test's prompter was asked.
actor QuestionLog {
    private(set) var questions: [String] = []
    func append(_ question: String) { questions.append(question) }
}
