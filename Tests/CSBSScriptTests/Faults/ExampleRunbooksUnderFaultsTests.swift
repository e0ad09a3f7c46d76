import CSBSScript
import CSBSSyntax
import Foundation
import Testing

/// The issue's fault bar for the example runbooks: with the emulator failing 20% of all requests (500s before
/// and after applying the request, 429s with `Retry-After`, connections dropped before and after applying it,
/// and 3 s responses on the virtual clock), every run of every example in `scripts/examples/` ends in success
/// or a typed, reported error within a bound, and never leaves a duplicated vault, restore point, restore,
/// policy or binding behind.
///
/// Each run starts a fresh emulator, so every run stands alone and is replayed from its seed: the seed is
/// `CSBS_FAULT_SEED` (default 20261122) mixed with the example and the run number, and printed with every
/// finding. Runs per example: 100 for the two seed flows, 25 for the others; `CSBS_FAULT_RUNS=N` sets every
/// example to N (e.g. 100 for the issue's full bar), and `CSBS_FAULT_EXAMPLE=NAME` runs only that example.
@Suite("Example runbooks under 20% injected faults", .serialized)
struct ExampleRunbooksUnderFaultsTests {
    /// The base seed of this test run.
    static let baseSeed: UInt64 = ProcessInfo.processInfo.environment["CSBS_FAULT_SEED"].flatMap { UInt64($0) }
        ?? 20_261_122

    /// `CSBS_FAULT_RUNS` when set.
    static let runsOverride: Int? = ProcessInfo.processInfo.environment["CSBS_FAULT_RUNS"].flatMap { Int($0) }

    /// `CSBS_FAULT_EXAMPLE` when set: only that example (file name) runs, e.g. to take one example to 100 runs.
    static let onlyExample: String? = ProcessInfo.processInfo.environment["CSBS_FAULT_EXAMPLE"]

    @Test(arguments: FaultScenario.all)
    func everyRunEndsCleanlyWithoutDuplicates(_ scenario: FaultScenario) async throws {
        if let only = Self.onlyExample, only != scenario.example { return }
        let runs = Self.runsOverride ?? scenario.runs
        var tally = Tally()
        for run in 0..<runs {
            let seed = Self.seed(example: scenario.example, run: run)
            let report = try await FaultRun(example: scenario.example, prelude: scenario.prelude, seed: seed).perform()
            tally.add(report, exitMarker: scenario.reportedExit?.marker)
            var findings = Self.outcomeFindings(report, reportedExit: scenario.reportedExit)
            findings += scenario.check(report)
            if !findings.isEmpty {
                Issue.record(
                    """
                    \(scenario.example) run \(run), CSBS_FAULT_SEED=\(Self.baseSeed) (run seed \(seed)): \
                    \(findings.joined(separator: "; "))
                    --- transcript ---
                    \(report.transcript)
                    """
                )
            }
        }
        print(
            "fault suite: \(scenario.example): \(runs) runs (CSBS_FAULT_SEED=\(Self.baseSeed)), \(tally.successes) "
                + "succeeded, \(runs - tally.successes) ended in a typed error; \(tally.faulted) of \(tally.requests) "
                + "requests faulted; errors: \(tally.errorCounts.sorted { $0.key < $1.key })"
                + tally.messages.map { "\n  - \($0)" }.joined()
        )
        // The faults really were there (20% ± noise), and they did not stop most runs.
        #expect(Double(tally.faulted) >= 0.14 * Double(tally.requests), "\(tally.faulted) of \(tally.requests)")
        #expect(
            Double(tally.successes) >= scenario.minimumSuccessRate * Double(runs),
            "only \(tally.successes) of \(runs) runs succeeded"
        )
    }

    /// The run's seed: the base seed, the example and the run number.
    static func seed(example: String, run: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in example.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return baseSeed &* 1_000_003 &+ hash &+ UInt64(run)
    }

    /// A run must end in success or a typed error that was reported, never hang or stop for another reason.
    /// With `reportedExit`, the script's own `exit STATUS` after it printed the marker and a reason also counts.
    static func outcomeFindings(
        _ report: FaultRun.Report, reportedExit: (status: Int32, marker: String)? = nil
    ) -> [String] {
        switch report.outcome {
        case .success:
            return []
        case .hung:
            return ["the run did not end within \(FaultRun.realTimeBound) (hang)"]
        case .failure(let failure):
            var findings: [String] = []
            if let reportedExit, failure.category == .exit(reportedExit.status) {
                let reason = report.transcript.components(separatedBy: reportedExit.marker).dropFirst().first
                let line = reason?.prefix { $0 != "\n" } ?? ""
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    findings.append("exit \(reportedExit.status) without '\(reportedExit.marker)' and a reason")
                }
                return findings
            }
            switch failure.category {
            case .command, .waitTimeout, .assertion: break
            default: findings.append("the run stopped with category \(failure.category)")
            }
            if failure.diagnostic.text.isEmpty { findings.append("the failure has no message") }
            if report.diagnostics.isEmpty { findings.append("the failure was not reported") }
            return findings
        }
    }
}

/// Counts over the runs of one example.
struct Tally {
    var successes = 0
    var requests = 0
    var faulted = 0
    /// Failure diagnostic id → how many runs ended with it.
    var errorCounts: [String: Int] = [:]
    /// Every distinct failure message, in the order first seen.
    var messages: [String] = []

    /// Counts `report`; for a script's own `exit`, the message is its line starting with `exitMarker`.
    mutating func add(_ report: FaultRun.Report, exitMarker: String? = nil) {
        requests += report.requests
        faulted += report.faulted
        switch report.outcome {
        case .success: successes += 1
        case .failure(let failure):
            errorCounts["\(failure.diagnostic.id)", default: 0] += 1
            var message = "\(failure.diagnostic.id): \(failure.diagnostic.text)"
            if case .exit = failure.category, let exitMarker,
                let line = report.transcript.split(separator: "\n").first(where: { $0.contains(exitMarker) })
            {
                message += " after \"\(line)\""
            }
            if !messages.contains(message) { messages.append(message) }
        case .hung: errorCounts["hung", default: 0] += 1
        }
    }
}
