import CSBSClient
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `confirm MESSAGE` with each answer source: a prompter answering yes, no or nothing, `--yes`, no one to ask, and
/// a dry run.
@Suite("confirm")
struct ConfirmTests {
    struct Run {
        var output: CollectingOutput
        var failure: RuntimeFailure?
        var questions: [String]

        var echoes: [String] { output.results.filter { $0.kind == "echo" }.map(\.summary) }
        var status: Int32 { failure.map { ExitStatus.code(for: $0) } ?? 0 }
    }

    private func run(_ text: String, confirmation: ConfirmationSource, dryRun: Bool = false) async throws -> Run {
        let output = CollectingOutput()
        let log = QuestionLog()
        let confirmation: ConfirmationSource =
            switch confirmation {
            case .ask(let prompter):
                .ask { question in
                    await log.append(question)
                    return await prompter(question)
                }
            case .assumeYes, .refuse: confirmation
            }
        return try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            interpreter.confirmation = confirmation
            interpreter.isDryRun = dryRun
            let result = try await interpreter.checkAndRun(SourceFile(name: "main.csbs", text: text))
            var run = Run(output: output, questions: await log.questions)
            if case .failure(let failure) = result { run.failure = failure }
            return run
        }
    }

    private static func answering(_ answer: ConfirmationSource.Answer) -> ConfirmationSource {
        .ask { _ in answer }
    }

    private let script = """
        let n = 12
        confirm "delete $n backups?"
        echo "deleting"
        """

    @Test(arguments: ["y", "yes", "Y", " YES "])
    func aYesGoesOn(_ answer: String) async throws {
        let run = try await run(script, confirmation: Self.answering(.line(answer)))
        #expect(run.failure == nil, "\(run.output.transcript)")
        #expect(run.questions == ["delete 12 backups? [y/N] "])
        #expect(run.echoes == ["deleting"])
    }

    @Test(arguments: ["n", "", "no", "yess", "y y"])
    func anythingElseStopsTheRunWithStatus1(_ answer: String) async throws {
        let run = try await run(script, confirmation: Self.answering(.line(answer)))
        #expect(run.failure?.diagnostic.id.description == "runtime.notConfirmed")
        #expect(run.status == 1)
        #expect(run.echoes.isEmpty)
        #expect(run.failure?.diagnostic.text.contains("not y or yes") == true)
    }

    @Test func theEndOfInputStopsTheRun() async throws {
        let run = try await run(script, confirmation: Self.answering(.endOfInput))
        #expect(run.failure?.diagnostic.id.description == "runtime.notConfirmed")
        #expect(run.failure?.diagnostic.text.contains("the input ended") == true)
        #expect(run.echoes.isEmpty)
    }

    @Test func ctrlCWhileAskingInterrupts() async throws {
        let run = try await run(script, confirmation: Self.answering(.interrupted))
        #expect(run.failure?.category == .interrupted)
        #expect(run.status == 130)
        #expect(run.echoes.isEmpty)
    }

    @Test func withNoOneToAskTheRunStopsAskingForYes() async throws {
        let run = try await run(script, confirmation: .refuse)
        #expect(run.failure?.diagnostic.id.description == "runtime.confirmNeedsYes")
        #expect(run.status == 64)
        #expect(run.failure?.diagnostic.text.contains("--yes") == true)
        #expect(run.echoes.isEmpty)
    }

    @Test func yesAnswersWithoutAskingAndSaysSo() async throws {
        let run = try await run(script, confirmation: .assumeYes)
        #expect(run.failure == nil)
        #expect(run.echoes == ["deleting"])
        #expect(run.output.progressLines == ["confirm: delete 12 backups? yes (--yes)"])
    }

    @Test func aDryRunShowsTheQuestionAndGoesOn() async throws {
        let run = try await run(script, confirmation: .refuse, dryRun: true)
        #expect(run.failure == nil)
        #expect(run.questions.isEmpty)
        #expect(run.output.results.map(\.summary) == ["would ask: delete 12 backups?, assumed yes", "deleting"])
    }

    @Test func controlCharactersOfTheQuestionAreEscaped() async throws {
        let run = try await run("confirm \"ok\\u{1B}]0;pwned\\u{7}?\"", confirmation: Self.answering(.line("y")))
        #expect(run.questions == ["ok\\e]0;pwned\\u{7}? [y/N] "])
    }

    /// A "no" is an assertion failure: `try` may catch it to skip a step; `on error continue` never passes it.
    @Test func tryCatchesANoAndOnErrorContinueDoesNot() async throws {
        let caught = try await run(
            "try { confirm \"a?\" } catch e { echo \"skipped: ${e.code}\" }\necho after",
            confirmation: Self.answering(.line("n"))
        )
        #expect(caught.failure == nil)
        #expect(caught.echoes == ["skipped: runtime.notConfirmed", "after"])
        let continued = try await run("on error continue\nconfirm \"a?\"\necho after", confirmation: Self.answering(.line("n")))
        #expect(continued.status == 1)
        #expect(continued.echoes.isEmpty)
    }
}
