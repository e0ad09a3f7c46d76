import CSBSScript
import Testing

@testable import csbs

/// Tables fitted to the terminal's width: free text cut with `…`, ids and timestamps whole, an expanded view
/// when even that does not fit; no width (not a terminal) leaves the table as it is.
@Suite struct TableFittingTests {
    private static let rows = [
        Record([
            .init("id", .string("e8cc6bfd-d324-4b88-9109-9fb0ba70676f")),
            .init("name", .string("web-frontend-production-eu-west-01")), .init("status", .string("available")),
            .init("created_at", .string("2026-12-06T10:15:03.123456")),
        ]),
        Record([
            .init("id", .string("0b5e7a52-8f0c-4d1e-9a43-2c6d1f0e9b77")), .init("name", .string("db")),
            .init("status", .string("protecting")), .init("created_at", .string("2026-12-06T11:00:00+08:00")),
        ]),
    ]

    @Test func withoutAWidthTheTableIsWhole() {
        #expect(
            Table.render(Self.rows) == """
                ID                                    NAME                                STATUS      CREATED_AT
                e8cc6bfd-d324-4b88-9109-9fb0ba70676f  web-frontend-production-eu-west-01  available   2026-12-06 10:15:03Z
                0b5e7a52-8f0c-4d1e-9a43-2c6d1f0e9b77  db                                  protecting  2026-12-06 03:00:00Z
                """
        )
        #expect(Table.render(Self.rows, width: 200) == Table.render(Self.rows))
    }

    @Test func at80ColumnsTheWidestFreeTextIsCutAndIdsStayWhole() {
        let table = Table.render(Self.rows, width: 80)
        #expect(
            table == """
                ID                                    NAME       STATUS     CREATED_AT
                e8cc6bfd-d324-4b88-9109-9fb0ba70676f  web-fron…  available  2026-12-06 10:15:03Z
                0b5e7a52-8f0c-4d1e-9a43-2c6d1f0e9b77  db         protecti…  2026-12-06 03:00:00Z
                """
        )
        for line in table.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80) }
    }

    @Test func at50ColumnsATableThatCannotFitIsExpanded() {
        #expect(
            Table.render(Self.rows, width: 50) == """
                -[ RECORD 1 ]-
                ID          e8cc6bfd-d324-4b88-9109-9fb0ba70676f
                NAME        web-frontend-production-eu-west-01
                STATUS      available
                CREATED_AT  2026-12-06 10:15:03Z
                -[ RECORD 2 ]-
                ID          0b5e7a52-8f0c-4d1e-9a43-2c6d1f0e9b77
                NAME        db
                STATUS      protecting
                CREATED_AT  2026-12-06 03:00:00Z
                """
        )
    }

    @Test func at40ColumnsTheExpandedViewCutsFreeTextButNotIds() {
        #expect(
            Table.render(Self.rows, width: 40) == """
                -[ RECORD 1 ]-
                ID          e8cc6bfd-d324-4b88-9109-9fb0ba70676f
                NAME        web-frontend-production-eu-…
                STATUS      available
                CREATED_AT  2026-12-06 10:15:03Z
                -[ RECORD 2 ]-
                ID          0b5e7a52-8f0c-4d1e-9a43-2c6d1f0e9b77
                NAME        db
                STATUS      protecting
                CREATED_AT  2026-12-06 03:00:00Z
                """
        )
    }

    /// Prose is not cut to a stub: the REASON of a refused resource (which repeats the ID beside it) kept 22
    /// columns at 80, "The resource 8d3f5a71…"; now the table is shown expanded there, each reason whole, wrapped.
    @Test func proseIsNotCutToAStub() {
        let reason = "The resource 8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25 is already associated with vault v9."
        let rows = [
            Record([
                .init("id", .string("8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25")), .init("code", .string("BackupService.6103")),
                .init("reason", .string(reason)),
            ])
        ]
        #expect(
            Table.render(rows, width: 80) == """
                -[ RECORD 1 ]-
                ID      8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25
                CODE    BackupService.6103
                REASON  The resource 8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25 is already associated
                        with vault v9.
                """
        )
        // A reason longer than other cells may be (100 characters) is shown whole
        let long = Array(repeating: "the vault is being resized so no resource can be added now", count: 3).joined(separator: "; ")
        var longer = rows[0]
        longer.fields[2] = .init("reason", .string(long))
        let expanded = Table.render([longer], width: 80)
        #expect(!expanded.contains("more characters") && expanded.hasSuffix("now"), "\(expanded)")
        // Wide enough for 40 columns of it, the table stays a table
        let table = Table.render(rows, width: 100)
        #expect(table.hasPrefix("ID  ") && !table.contains("RECORD"), "\(table)")
    }

    @Test func widthsCountTheEscapedTextAndWideCharacters() {
        let rows = [
            Record([
                .init("id", .string("e8cc6bfd-d324-4b88-9109-9fb0ba70676f")),
                .init("name", .string("evil\u{1B}[2J-name-that-is-long")), .init("note", .string("备份服务器备份服务器")),
            ])
        ]
        let table = Table.render(rows, width: 60)
        #expect(
            table == """
                ID                                    NAME        NOTE
                e8cc6bfd-d324-4b88-9109-9fb0ba70676f  evil\\e[2J…  备份服务…
                """
        )
        #expect(!table.contains("\u{1B}"))
        for line in table.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 60) }
    }

    @Test func outputToAPipeIsNotFittedAndJSONKeepsTheServicesTimestamps() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let name = "nightly_backups_for_the_frontend_web_servers_eu_west"
        let script = "vault \"\(name)\" size 100; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait; vaults; backups"
        let outcome = try await runner.run(["-c", script], environment: ["COLUMNS": "40"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("\n\(name)  "))
        #expect(!outcome.stdout.contains("-[ RECORD"))
        #expect(outcome.stdout.contains(/\ \ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z  cbr\n/))
        let json = try await runner.run(["--json", "-c", "use vault \"\(name)\"; backups"])
        #expect(json.stdout.contains(/"created_at":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/))
    }

    @Test func theStatusLineIsCutToTheWindow() {
        let output = TerminalOutput(environment: [:], width: .fixed(40))
        let line = "backup of web-frontend-production-01: protecting (42%), 1m05s"
        let shown = output.statusText(line)
        #expect(shown == "backup of web-frontend-production-01: …")
        #expect(DisplayWidth.of(shown) == 39)
        #expect(TerminalOutput(environment: [:], width: .fixed(nil)).statusText(line) == line)
    }
}
