import CSBSDryRun
import Foundation
import Testing

/// The data part of the language (calls, operators, defaults) runs under `--dry-run` as in a real run: it sends
/// nothing itself, and works on what the dry run's model answers.
@Suite("Dry runs of calls and operators")
struct DryRunExpressionTests {
    @Test func callsAndOperatorsWorkOnWhatTheDryRunAnswers() async throws {
        let script = """
            vault "dry-data" size 40
            let all = backups
            let ids = []
            for b in $all { set ids = $ids + [$b.id] }
            let keep = duration($env.CSBS_DRY_KEEP ?? "7d")
            echo format("{} of {} ids, keep {} ({} days)", len($ids), len($all), $keep, $keep / 1d) ("x" in ["x"])
            echo lenn(1)
            """
        var options = DryRun.Options()
        options.currentDate = { Date(timeIntervalSince1970: 1_790_000_000) }
        let outcome = await DryRun.run(script, fileName: "data.csbs", options: options)
        #expect(outcome.diagnosticIDs == ["resolve.unknownFunction"], "the check runs first: nothing is sent")
        #expect(outcome.requests.isEmpty)
        let fixed = await DryRun.run(script.replacingOccurrences(of: "\necho lenn(1)", with: ""), fileName: "data.csbs", options: options)
        #expect(fixed.exitStatus == 0, "\(fixed.transcript.joined(separator: "\n"))")
        #expect(fixed.transcript.contains { $0.contains("0 of 0 ids, keep 7d (7 days) true") }, "\(fixed.transcript)")
    }
}
