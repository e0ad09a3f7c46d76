import Foundation
import Testing

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
