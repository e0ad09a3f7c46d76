import Foundation
import Testing

/// `confirm` in a batch run from a real terminal (tmux): it asks on the terminal even with standard output
/// redirected, and only a yes lets the script go on.
@Suite(.serialized, .enabled(if: TerminalSession.isAvailable, "needs tmux (scripts/bootstrap installs it)"))
struct ConfirmTerminalTests {
    private func runAnswering(_ answer: String) async throws -> String {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = try runner.write("echo before\nconfirm \"delete 2 backups?\"\necho after\n", to: "c.csbs")
        let output = runner.home + "/out.txt"
        let session = try TerminalSession(
            home: runner.home, environment: runner.environment(), arguments: ["run", script], standardOutput: output
        )
        defer { session.close() }
        try await session.waitFor("delete 2 backups? [y/N]")
        try session.type(answer)
        try session.press("Enter")
        try await session.waitForExit()
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    @Test func aNoStopsTheScriptBeforeTheStep() async throws {
        #expect(try await runAnswering("n") == "before\n")
    }

    @Test func aYesLetsItGoOn() async throws {
        #expect(try await runAnswering("yes") == "before\nafter\n")
    }

    /// The shell asks on its own input line; a no fails the input, Ctrl-C abandons the question, and the session
    /// goes on (Ctrl-C then still interrupts a running command).
    @Test func theShellAsksOnItsInputLine() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("confirm \"go on?\"; echo went")
        try shell.press("Enter")
        try await shell.waitFor("go on? [y/N]")
        try shell.type("y")
        try shell.press("Enter")
        try await shell.waitFor("went\ncsbs emulator cn-north-4>")
        try shell.type("confirm \"really?\"; echo never")
        try shell.press("Enter")
        try await shell.waitFor("really? [y/N]")
        try shell.type("n")
        try shell.press("Enter")
        try await shell.waitFor("[runtime.notConfirmed]")
        try shell.type("confirm \"again?\"")
        try shell.press("Enter")
        try await shell.waitFor("again? [y/N]")
        try shell.press("C-c")
        try await shell.waitFor("[runtime.interrupted]")
        try shell.type("sleep 1h")
        try shell.press("Enter")
        try await Task.sleep(for: .milliseconds(300))
        try shell.press("C-c")
        let screen = try await shell.waitFor("interrupted while sleeping")
        #expect(!screen.contains("\nnever\n"), "\(screen)")
        try shell.press("C-d")
        try await shell.waitForExit()
    }
}
