import CSBSClient
import Foundation
import Logging
import Testing

@testable import csbs

/// What reaches a terminal from a run: control characters escaped, long values cut, secrets and URL credentials
/// masked — in human output; JSON keeps values exact but masks secrets too.
@Suite struct TerminalBoundaryTests {
    @Test func escapeSequencesInPrintedValuesAreShownNotObeyed() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = #"echo "title\u{1B}]0;pwned\u{7} clear\u{1B}[2J bidi\u{202E}x""#
        let outcome = try await runner.run(["-c", script])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == #"title\e]0;pwned\u{7} clear\e[2J bidi\u{202e}x"# + "\n")
        let json = try await runner.run(["--json", "-c", script])
        #expect(json.stdout.contains(#"\u001b]0;pwned"#))
    }

    @Test func secretsFromTheEnvironmentAndURLCredentialsAreMasked() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = #"echo $env.DEPLOY_TOKEN; echo "http://admin:S3cr3tPass@127.0.0.1:8799/x?token=abc123""#
        for mode in [[], ["--json"]] {
            let outcome = try await runner.run(mode + ["-c", script], environment: ["DEPLOY_TOKEN": "tok-0123456789"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(!outcome.stdout.contains("tok-0123456789"))
            #expect(!outcome.stdout.contains("S3cr3tPass"))
            #expect(!outcome.stdout.contains("abc123"))
            #expect(outcome.stdout.contains("admin:<redacted>@127.0.0.1:8799"))
        }
    }

    @Test func aServicesErrorCodeInANoticeOrALostAnswerInTheLogCannotDriveTheTerminal() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // A throttled call whose error code carries a title-setting sequence (its wait is long enough for a
        // notice), and an attach whose answer is lost after it took effect (found again in the vault)
        let serve = try await ServeProcess.start(runner, [
            "--memory", "--port", "0",
            "--fault", "list_vault:status=503,count=1,retry-after=1,code=X\u{1B}]0;pwned\u{7}",
            "--fault", "add_vault_resource:drop,after,count=1",
        ])
        defer { serve.stop() }
        let script = #"vaults; vault "v" size 50; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f 1a503932-ee8f-4dd5-8248-8dfb57e584c5"#
        let outcome = try await runner.run(["-c", script], environment: serve.settings)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("\u{1B}"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(#"csbs: list vaults: HTTP 503 X\e]0;pwned\u{7}; waiting 1 s"#), "\(outcome.stderr)")
        // The client's log is not the terminal's: no timestamped `info` line with the service's IDs
        #expect(!outcome.stderr.contains("info csbs.client"), "\(outcome.stderr)")
        #expect(outcome.stdout.contains("2 attached"))
    }

    @Test func theClientsLogShowsWarningsOnlyEscapedAndMasked() {
        #expect(ConsoleLogHandler.clientLogger.logLevel == .warning)
        let line = ConsoleLogHandler.line(level: .warning, message: "off for https://admin:S3cr3tPass@h/x \u{1B}[2J")
        #expect(line == #"csbs: warning: off for https://admin:<redacted>@h/x \e[2J"#)
        #expect(ConsoleLogHandler.line(level: .critical, message: "x").hasPrefix("csbs: error: "))
        let notice = Backend.noticeLine(.tokenCacheDisabled(reason: "a\u{1B}]0;t\u{7}b"))
        #expect(notice == #"csbs: warning: not caching IAM tokens: a\e]0;t\u{7}b"#)
    }

    @Test func aDiagnosticsMessageCannotDriveTheTerminal() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // The language's escapes make the value; the message quoting it is what is checked here.
        let outcome = try await runner.run(["-c", #"use vault "x\u{1B}]0;t\u{7}""#])
        #expect(outcome.status != 0)
        #expect(!outcome.stderr.contains("\u{1B}]0;t"))
        #expect(outcome.stderr.contains(#"x\e]0;t\u{7}"#))
    }
}
