import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// `$error`'s lifetime under `on error continue`, failed captures, and `for … parallel` under `on error continue`.
@Suite("$error and on error continue")
struct ErrorVariableTests {
    private func run(_ text: String) async throws -> (CollectingOutput, RuntimeFailure?) {
        let output = CollectingOutput()
        return try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            if case .failure(let failure) = try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: text)) {
                return (output, failure)
            }
            return (output, nil)
        }
    }

    private func echoes(_ output: CollectingOutput) -> [String] {
        output.results.filter { $0.kind == "echo" }.map(\.summary)
    }

    @Test func aCommandThatSucceedsClearsErrorAndOtherStatementsLeaveIt() async throws {
        let script = """
            on error continue
            use vault "no-such-vault"
            echo "first: ${error.code}"
            echo "still: ${error.code}"
            vault "error-lifetime" size 40
            echo "after a success: ${error}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output) == ["first: runtime.badArgument", "still: runtime.badArgument", "after a success: null"])
    }

    @Test func aFailedCaptureBindsNull() async throws {
        let script = """
            on error continue
            let cp = backup
            if $cp == null { echo "cp is null: ${error.code}, result ${error.result}" }
            let v = vault "capture" size 40
            set v = use vault "no-such-vault"
            echo "v is ${v}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output) == ["cp is null: runtime.noVaultSelected, result null", "v is null"])
    }

    /// A retry: `on error continue` and a command that succeeds on a later try.
    @Test func aRetryCanTestErrorAfterEachTry() async throws {
        let script = """
            on error continue
            let done = false
            for name in ["no-such-vault", "retry-vault"] {
                if not $done {
                    if $name == "retry-vault" { vault $name size 40 }
                    use vault $name
                    if $error == null { set done = true }
                }
            }
            echo "done: ${done}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output) == ["done: true"])
    }

    /// `"${error.code}: ${error.message}"` names the code once (the message held it too).
    @Test func theMessageDoesNotRepeatTheCode() async throws {
        let script = """
            on error continue
            vault "message" size 40
            attach server 00000000-0000-4000-8000-00000000dead
            echo "${error.code}: ${error.message}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil)
        let line = try #require(echoes(output).first)
        #expect(line.hasPrefix("BackupService.6302: add resources: The resource "), "\(line)")
        #expect(line.components(separatedBy: "BackupService.6302").count == 2, "\(line)")
    }

    @Test func aParallelLoopWithAFailedAssertGoesOnUnderOnErrorContinue() async throws {
        let script = """
            on error continue
            for x in [1, 2, 3] parallel 2 { assert $x != 2 "two" }
            echo "after: ${error.code}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output) == ["after: runtime.assertionFailed"])
    }

    @Test func errorCodeAfterAParallelLoopIsTheFirstFailuresCode() async throws {
        let script = """
            on error continue
            for name in ["a", "no-such-vault"] parallel 2 {
                if $name == "a" { echo "ok" } else { use vault $name }
            }
            echo "${error.code} ${error.id}"
            let again = []
            for i in $error.result.items { if $i.status == "failed" { set again = $again + [$i.item] } }
            echo "to try again: ${again}"
            """
        let (output, failure) = try await run(script)
        #expect(failure == nil, "\(output.transcript)")
        #expect(echoes(output).suffix(2) == ["runtime.badArgument runtime.parallelFailed", #"to try again: ["no-such-vault"]"#])
    }

    /// Under `on error stop` the loop still ends the run with the status of its worst item (1 for an assert).
    @Test func aParallelLoopWithAFailedAssertStillStopsUnderOnErrorStop() async throws {
        let (output, failure) = try await run("for x in [1, 2] parallel 2 { assert $x != 2 }\necho after")
        #expect(failure?.category == .assertion)
        #expect(echoes(output).isEmpty)
    }
}
