import CSBSClient
import CSBSDryRun
import CSBSScript
import Foundation
import Testing

/// Every runbook in `scripts/examples/` dry-runs to exit status 0; the seed flows and the runbooks of the comparison
/// with bash (`scripts/examples/compare/`) match golden transcripts
/// (`Fixtures/dry-run/*.txt`; `RECORD_SNAPSHOTS=1` rewrites them, and a recording run fails).
@Suite("Dry runs of the example runbooks")
struct DryRunExampleTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = repository.appendingPathComponent("scripts/examples")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dry-run")

    static var exampleNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
            .filter { $0.hasSuffix(".csbs") }.sorted()
    }

    /// Options with a fixed clock, no environment and no arguments, so transcripts are stable.
    static var options: DryRun.Options {
        var options = DryRun.Options()
        options.currentDate = { Date(timeIntervalSince1970: 1_790_000_000) }
        // The real-time bound is a safety net for fuzzing; a machine busy with parallel builds must not trip it here.
        options.limits.timeLimit = .seconds(600)
        return options
    }

    private func dryRun(_ name: String) async throws -> DryRunOutcome {
        let url = Self.examples.appendingPathComponent(name)
        return await DryRun.run(try String(contentsOf: url, encoding: .utf8), fileName: url.path, options: Self.options)
    }

    @Test func thereAreExamples() {
        #expect(Self.exampleNames.count >= 7)
    }

    @Test(arguments: exampleNames)
    func exampleDryRunsCleanly(_ name: String) async throws {
        // When the example is dry-run
        let outcome = try await dryRun(name)
        // Then it ends as a real run would succeed, having shown what it would send, and without diagnostics
        #expect(outcome.exitStatus == 0, "\(outcome.transcript.joined(separator: "\n"))")
        #expect(!outcome.requests.isEmpty)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnosticIDs)")
        #expect(!outcome.budgetExceeded)
    }

    @Test(arguments: ["seed-cbr", "seed-csbs", "backup-prod", "prune-backups", "drill-deadline"])
    func flowMatchesItsGoldenTranscript(_ name: String) async throws {
        let outcome = try await dryRun(name + ".csbs")
        let actual = outcome.transcript.joined(separator: "\n") + "\n"
        let file = Self.golden.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.lastPathComponent); run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected)
    }
}
