import CSBSScript
import CSBSDryRun
import CSBSSyntax
import Foundation
import Testing

@testable import csbs

/// `--dry-run` through the built binary: the flag with a file, `-c` and stdin, the `--json` shape, and that
/// nothing is sent and no credentials are read, with nothing configured and with a profile configured.
@Suite("csbs --dry-run")
struct DryRunCLITests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples").path

    @Test func withNothingConfiguredItPrintsTheRequestsAndStartsNoEmulator() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // When the CBR seed flow is dry-run on a machine with nothing configured
        let outcome = try await runner.run(["run", "--dry-run", Self.examples + "/seed-cbr.csbs"])
        // Then it succeeds, shows each request before its statement's result, and started no emulator
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# dry run: nothing is sent") == true)
        let post = try #require(lines.firstIndex(of: "POST /v3/{project_id}/vaults"))
        #expect(lines[post + 1].hasPrefix("    {\"vault\":"))
        #expect(lines[post + 2] == "GET /v3/{project_id}/vaults?name=my_vault")
        #expect(lines[post + 3] == "vault \"my_vault\" created: id <vault-1>, 200 GB")
        #expect(lines.contains("POST /v3/{project_id}/checkpoints"))
        #expect(!outcome.stderr.contains("built-in emulator"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: runner.stateDatabase))
    }

    @Test func jsonPrintsOneObjectPerRequestAmongTheResults() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["run", "--dry-run", "--json", Self.examples + "/seed-cbr.csbs"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let objects = try outcome.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let requests = objects.compactMap { $0["dry_run_request"] as? [String: Any] }
        let results = objects.filter { $0["kind"] != nil }
        #expect(requests.count + results.count == objects.count)
        #expect(results.map { $0["kind"] as? String } == ["vault", "attach", "checkpoint"], "the captured servers listing is quiet")
        let create = try #require(requests.first { $0["method"] as? String == "POST" })
        #expect(create["path"] as? String == "/v3/{project_id}/vaults")
        #expect((create["body"] as? [String: Any])?["vault"] != nil)
        let list = try #require(requests.first)
        #expect(list["body"] is NSNull)
    }

    @Test func commandLineTextAndStandardInputDryRunToo() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let inline = try await runner.run(["--dry-run", "-c", "use vault \"prod\"", "-c", "delete vault"])
        #expect(inline.status == 0, "\(inline.stderr)")
        #expect(inline.stdout.contains("DELETE /v3/{project_id}/vaults/<vault:prod>"), "\(inline.stdout)")
        let piped = try await runner.run(["--dry-run"], stdin: "vaults\nassert false \"stop\"\n")
        // The exit status is that of a real run: the assert fails
        #expect(piped.status == 1, "\(piped.stderr)")
        #expect(piped.stdout.contains("GET /v3/{project_id}/vaults?limit=100&offset=0"))
    }

    @Test func withAProfileConfiguredItStillSendsNothing() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // Given a default profile and environment credentials that point at a closed port (a request would fail)
        let secret = "Dry-Run-Secret-0"
        let path = runner.home + "/profiles"
        let profiles = """
            [default]
            auth = password
            user = ops
            domain = acme
            password = \(secret)
            project_name = cn-north-4
            region = cn-north-4
            cbr_endpoint = http://127.0.0.1:9
            iam_endpoint = http://127.0.0.1:9
            csbs_endpoint = http://127.0.0.1:9
            """
        try profiles.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        for environment in [["CSBS_CONFIG_FILE": path], ["CSBS_ENDPOINT": "http://127.0.0.1:9", "OS_PASSWORD": secret]] {
            // When the seed flows are dry-run
            for example in ["seed-cbr.csbs", "seed-csbs.csbs"] {
                let outcome = try await runner.run(
                    ["run", "--verbose", "--dry-run", Self.examples + "/" + example], environment: environment
                )
                // Then they succeed (nothing reached the closed port) and no secret is printed
                #expect(outcome.status == 0, "\(example): \(outcome.stderr)")
                #expect(outcome.stdout.contains("/{project_id}/"))
                #expect(!outcome.stdout.contains(secret) && !outcome.stderr.contains(secret))
                #expect(!outcome.stderr.contains("127.0.0.1:9"), "\(outcome.stderr)")
            }
        }
    }

    @Test func runHelpStatesTheRule() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let help = try await runner.run(["run", "--help"])
        #expect(help.stdout.contains("--dry-run"))
        #expect(help.stdout.contains("<vault:prod>"))
    }

    @Test func theLibraryDryRunRefusesWhatTheCommandRefuses() async throws {
        // One front end: DryRun.run (for fuzzing and libraries) checks regions as `csbs run --dry-run` does.
        let script = "region cn-nowhere-9\nvaults\n"
        let outcome = await DryRun.run(script, fileName: "r.csbs")
        #expect(outcome.exitStatus == ExitStatus.syntaxError.rawValue)
        #expect(outcome.diagnosticIDs == ["resolve.unknownRegion"])
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let command = try await runner.run(["--dry-run"], stdin: script)
        #expect(command.status == outcome.exitStatus)
    }
}
