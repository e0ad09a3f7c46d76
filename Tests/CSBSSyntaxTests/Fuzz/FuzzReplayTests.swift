import CSBSSyntax
import CSBSSyntaxTestSupport
import Foundation
import Testing

/// Replays the fuzzing inputs kept in git through the syntax pipeline (the dry-run replay of the same inputs is
/// `Tests/CSBSDryRunTests/Fuzz/DryRunFuzzReplayTests.swift`): the seed corpus
/// (`scripts/fuzz/corpus`, in process) and every input the fuzzer ever saved as a crash, hang or leak
/// (`Tests/CSBSSyntaxTests/FuzzRegressions`, each in its own process, so a crash fails one test instead of
/// ending the run).
@Suite("Fuzz replay", .timeLimit(.minutes(2)))
struct FuzzReplayTests {
    /// Saved inputs whose bug lives in code this suite's owner does not own, by file name, with where the bug
    /// is. They are replayed under `withKnownIssue` until the owner fixes them; then the entry goes.
    static let knownIssues: [String: String] = [:]

    typealias Input = FuzzInputs.Input
    static let corpus = FuzzInputs.corpus
    static let regressions = FuzzInputs.regressions

    @Test func seedCorpusIsPresent() {
        // Guards the replay itself: a moved folder must not turn the tests below into zero cases.
        #expect(Self.corpus.count >= 40, "scripts/fuzz/corpus has \(Self.corpus.count) files")
        #expect(Self.corpus.contains { $0.name.hasPrefix("doc-") } && Self.corpus.contains { $0.name.hasPrefix("example-") })
    }

    @Test(arguments: corpus)
    func seedInputReplaysCleanly(_ input: Input) async {
        let outcome = SyntaxReplay.run(input.bytes, name: input.name)
        #expect(outcome.tokens >= 1)
        #expect(outcome.diagnostics <= input.bytes.count + 1, "more diagnostics than bytes")
    }

    @Test(arguments: regressions)
    func savedFuzzInputNoLongerCrashes(_ input: Input) async {
        if let issue = Self.knownIssues[input.name] {
            await withKnownIssue(Comment(rawValue: issue)) { await Self.replayInChildProcess(input.bytes) }
        } else {
            await Self.replayInChildProcess(input.bytes)
        }
    }

    /// Replays `bytes` through the syntax pipeline in a child process, which must exit cleanly.
    static func replayInChildProcess(_ bytes: [UInt8]) async {
        await #expect(processExitsWith: .success) { [bytes] in
            let outcome = SyntaxReplay.run(bytes)
            #expect(outcome.diagnostics <= bytes.count + 1, "more diagnostics than bytes")
        }
    }
}
