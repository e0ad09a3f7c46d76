import CSBSSyntaxTestSupport
import Foundation
import Testing

/// Replays the fuzzing inputs kept in git through a bounded dry run (`DryRunReplay`, the fuzz target's options):
/// the seed corpus (`scripts/fuzz/corpus`, in process) and every saved crash, hang or leak
/// (`Tests/CSBSSyntaxTests/FuzzRegressions`, where `scripts/fuzz/run` saves them, each in its own process).
@Suite("Fuzz replay through dry runs", .timeLimit(.minutes(2)))
struct DryRunFuzzReplayTests {
    typealias Input = FuzzInputs.Input
    static let corpus = FuzzInputs.corpus
    static let regressions = FuzzInputs.regressions

    @Test func seedCorpusIsPresent() {
        #expect(Self.corpus.count >= 40, "scripts/fuzz/corpus has \(Self.corpus.count) files")
    }

    @Test(arguments: corpus)
    func seedInputDryRunsWithinItsBudget(_ input: Input) async {
        await DryRunReplay.run(input.bytes)
    }

    @Test(arguments: regressions)
    func savedFuzzInputNoLongerCrashesADryRun(_ input: Input) async {
        await Self.replayInChildProcess(input.bytes)
    }

    /// Dry-runs `bytes` in a child process, which must exit cleanly.
    static func replayInChildProcess(_ bytes: [UInt8]) async {
        await #expect(processExitsWith: .success) { [bytes] in
            await DryRunReplay.run(bytes)
        }
    }
}
