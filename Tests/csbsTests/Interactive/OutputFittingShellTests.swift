import Foundation
import Testing

/// Output that fits the window, end to end through a real pseudo-terminal (tmux).
@Suite(.serialized, .enabled(if: TerminalSession.isAvailable, "needs tmux (scripts/bootstrap installs it)"))
struct OutputFittingShellTests {

    @Test func at80ColumnsTablesAreCutOrExpandedButIdsStayWhole() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // The layout itself, with the pager off (`less` would page the tall `servers` below).
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(["PAGER": ""]))
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.resize(columns: 80)
        try shell.type("vault \"nightly_backups_for_the_frontend_web_servers_eu_west\" size 100")
        try shell.press("Enter")
        try await shell.waitFor("(nightly_backups_for_the_frontend_web_servers_eu_west)>")
        try shell.press("C-l")

        // The vault's name is cut to fit; its id is whole on the same line.
        try shell.type("vaults")
        try shell.press("Enter")
        let vaults = try await shell.waitFor("nightly_back…")
        let row = try #require(vaults.split(separator: "\n").first { $0.contains("nightly_back…") })
        #expect(row.contains(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/), "\(vaults)")

        // `servers` (two ids) cannot fit 80 columns as a table: one block per server, each id whole on its line.
        try shell.type("servers")
        try shell.press("Enter")
        let servers = try await shell.waitFor("-[ RECORD 4 ]-")
        #expect(!servers.contains("BACKUPABLE  VAULT"))
        let ids = servers.split(separator: "\n").filter { $0.hasPrefix("ID  ") }
        #expect(!ids.isEmpty)
        for line in ids {
            #expect(line.wholeMatch(of: /ID {10}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil)
        }
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }
}
