import Foundation
import Testing

@testable import csbs

/// `--report junit|tap FILE` of `csbs run` (a case per top-level statement) and `csbs check` (a case per file),
/// against golden files (`Fixtures/reports/`; `RECORD_SNAPSHOTS=1` rewrites them, and a recording run fails).
@Suite("Test reports for CI")
struct ReportCLITests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reports")

    static let script = """
        echo "start"
        vault "report-vault" size 50
        on error continue
        attach server 00000000-0000-4000-8000-00000000dead
        if true {
            echo "in a block"
        }
        on error stop
        assert false "stops here"
        echo "never"

        """

    /// The report with the emulator's request ids (random) written `<id>`.
    func expectGolden(_ report: String, _ name: String) throws {
        let actual = report.replacingOccurrences(
            of: "request [0-9a-f-]{36}", with: "request <id>", options: .regularExpression
        )
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS")
            return
        }
        #expect(actual == (try String(contentsOf: file, encoding: .utf8)))
    }

    @Test(arguments: ["junit", "tap"])
    func runReportsEachTopLevelStatement(_ format: String) async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try runner.write(Self.script, to: "steps.csbs")
        let outcome = try await runner.run(["run", "--report", format, "report.out", "steps.csbs"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        try expectGolden(String(contentsOfFile: runner.home + "/report.out", encoding: .utf8), "run.\(format)")
    }

    @Test func theReportOptionWorksWithoutRunAndAfterTheFile() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try runner.write("echo ok\n", to: "ok.csbs")
        #expect(try await runner.run(["--report", "tap", "a.tap", "ok.csbs"]).status == 0)
        #expect(try String(contentsOfFile: runner.home + "/a.tap", encoding: .utf8).contains("ok 1 - ok.csbs:1: line 1: echo ok"))
        #expect(try await runner.run(["run", "ok.csbs", "--report", "junit", "b.xml"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: runner.home + "/b.xml"))
    }

    @Test(arguments: ["junit", "tap"])
    func checkReportsEachFile(_ format: String) async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try runner.write("echo ok\n", to: "good.csbs")
        _ = try runner.write("echo $missing\nvault\n", to: "bad.csbs")
        let outcome = try await runner.run(
            ["check", "--report", format, "check.out", "good.csbs", "bad.csbs", "absent.csbs"]
        )
        #expect(outcome.status == 65)
        try expectGolden(String(contentsOfFile: runner.home + "/check.out", encoding: .utf8), "check.\(format)")
    }

    @Test func reportFormatAndFileAreJoinedIntoOneValue() {
        #expect(Main.arguments(["--report", "junit", "r.xml", "s.csbs"]) == ["run", "--report=junit:r.xml", "s.csbs"])
        #expect(Main.arguments(["check", "--report", "tap", "c.tap", "a.csbs"]) == ["check", "--report=tap:c.tap", "a.csbs"])
        #expect(Main.arguments(["run", "s.csbs", "--", "--report", "tap", "x"]) == ["run", "s.csbs", "--", "--report", "tap", "x"])
        #expect(ReportRequest(argument: "tap:a:b.tap") == ReportRequest(format: .tap, path: "a:b.tap"))
        #expect(ReportRequest(argument: "xml:a") == nil)
        #expect(ReportRequest(argument: "junit:") == nil)
    }

    @Test func reportTextIsEscapedForXMLAndTAP() {
        let report = TestReport(suite: "csbs run", cases: [
            .init(name: "line 1: echo \"<a & b>\" # c\u{1B}[2J", file: "x.csbs", line: 1,
                  outcome: .failed(message: "id: \"quoted\"", details: ["a < b\nsecond line"]))
        ])
        #expect(report.junit().contains("name=\"line 1: echo &quot;&lt;a &amp; b&gt;&quot; # c\\e[2J\""))
        #expect(report.junit().contains("a &lt; b\nsecond line</failure>"))
        #expect(report.tap().contains("not ok 1 - x.csbs:1: line 1: echo \"<a & b>\" \\# c\\e[2J\n"))
        #expect(report.tap().contains("  message: \"id: \\\"quoted\\\"\"\n"))
    }

    @Test func aSyntaxErrorInARunIsReportedAsTheFilesCase() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try runner.write("echo (\n", to: "broken.csbs")
        #expect(try await runner.run(["run", "--report", "tap", "r.tap", "broken.csbs"]).status == 65)
        let report = try String(contentsOfFile: runner.home + "/r.tap", encoding: .utf8)
        #expect(report.hasPrefix("TAP version 13\n1..1\nnot ok 1 - broken.csbs:1: broken.csbs\n"))
    }
}
