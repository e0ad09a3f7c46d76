import Foundation
import Testing

/// The CSBS v1 flow through the built binary and its built-in emulator: a batch script and the interactive
/// shell (in a real pseudo-terminal), each with the seed's one statement and a wait, the listing, and the
/// documented error codes as located errors.
@Suite("CSBS v1 end to end through the built binary", .serialized)
struct CSBSEndToEndTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    static let protect =
        #"protect server \#(server) name "database_backup" description "backup for database version 2.2.1 before upgrade." wait timeout 30m"#

    @Test func batchProtectsListsRestoresDeletesAndLocatesErrors() async throws {
        // Given a script with the seed flow and, at the end, a server that does not exist
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = try runner.write(
            """
            let p = \(Self.protect)
            let all = backups
            echo "listed" $all.count $all[0].service
            restore backup $p.id wait
            delete backup $p.checkpoint_id wait
            protect server 00000000-0000-4000-8000-00000000dead
            """,
            to: "csbs-flow.csbs"
        )
        // When it runs in batch mode
        let outcome = try await runner.run([script])
        // Then the flow's results are on stdout and the last line fails where it stands, with the CSBS code
        #expect(outcome.status == 70, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("CSBS backup "))
        #expect(outcome.stdout.contains("listed 1 csbs"))
        #expect(outcome.stdout.contains("restored onto \(Self.server), available after"))
        #expect(outcome.stdout.contains(" deleted after "))
        #expect(outcome.stderr.contains("csbs-flow.csbs:6:1: error: "))
        #expect(outcome.stderr.contains("CSBS.6000"))
        #expect(outcome.stderr.contains("[runtime.serviceError]"))
    }

    @Test(.enabled(if: TerminalSession.isAvailable, "needs tmux (scripts/bootstrap installs it)"))
    func shellProtectsWaitsAndLists() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")

        // The seed's one statement with a wait
        try shell.type(Self.protect)
        try shell.press("Enter")
        try await shell.waitFor("available after")

        // The backup is listed with its service: the capture prints nothing, `$all` alone shows it as a table
        try shell.type("let all = backups")
        try shell.press("Enter")
        try await shell.waitFor("let all = backups\ncsbs emulator cn-north-4>")
        try shell.type("$all")
        try shell.press("Enter")
        try await shell.waitFor("1 record")
        try shell.type("echo \"first:\" $all[0].service $all[0].status")
        try shell.press("Enter")
        try await shell.waitFor("first: csbs available")

        // A backup that does not exist: a located error with the CSBS code, and the shell goes on
        try shell.type("show backup 00000000-0000-4000-8000-000000000001")
        try shell.press("Enter")
        try await shell.waitFor("error: ")
        try shell.type("echo \"last error:\" $error.id $error.code $error.line")
        try shell.press("Enter")
        try await shell.waitFor("last error: runtime.badArgument CSBS.3001 1")

        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }
}
