import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import Testing

/// The walking skeleton end to end: the real binary, the built-in emulator, real HTTP on 127.0.0.1.
@Suite("Batch mode through the built binary", .serialized)
struct BatchModeTests {
    static let seedLine =
        #"vault "my_vault" size 200; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait"#

    @Test func seedOneLinerTwiceLeavesOneVaultAndTwoCheckpoints() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let first = try await runner.run(["-c", Self.seedLine])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(#"vault "my_vault" created: id "#))
        #expect(first.stdout.contains("attached to vault \"my_vault\""))
        #expect(first.stdout.contains(" available after "))
        #expect(first.stderr.contains("using the built-in emulator"))

        let second = try await runner.run(["-c", Self.seedLine])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains(#"vault "my_vault" selected: id "#))
        #expect(second.stdout.contains("already attached"))
        let checkpoints = [first, second].map { $0.stdout.split(separator: "\n").last { $0.hasPrefix("checkpoint ") } }
        #expect(checkpoints[0] != checkpoints[1], "a second checkpoint, not the first one again")

        var configuration = EmulatorConfiguration()
        configuration.storage = .file(path: runner.stateDatabase)
        let emulator = try await Emulator.start(configuration)
        defer { Task { await emulator.shutdown() } }
        let account = EmulatorAccount.demo
        let client = BackupClient(configuration: ClientConfiguration(
            endpoints: .single(emulator.endpoint),
            credentials: .password(PasswordCredentials(userName: account.userName, password: account.password, domainName: account.domainName, project: .name(account.projectName)))
        ))
        let vaults = try await client.listVaults(name: "my_vault").vaults.filter { $0.name == "my_vault" }
        #expect(vaults.count == 1)
        await emulator.shutdown()
    }

    @Test func aMistypedCommandIsReadAsAFileAndTheCommandIsSuggested() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["chek", "x.csbs"])
        #expect(outcome.status == 66)
        #expect(outcome.stderr == "csbs: cannot read chek: no such file; did you mean 'csbs check'?\n")
        let plain = try await runner.run(["nosuchfile.csbs"])
        #expect(plain.stderr == "csbs: cannot read nosuchfile.csbs: no such file\n")
    }

    @Test func scriptFileWithShebangRunsAndStdinToo() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("#!/usr/bin/env csbs\n" + Self.seedLine + "\n", to: "seed.csbs")
        let viaRun = try await runner.run(["run", path])
        #expect(viaRun.status == 0, "\(viaRun.stderr)")
        #expect(viaRun.stdout.contains(" available after "))
        let direct = try await runner.run([path])
        #expect(direct.status == 0, "\(direct.stderr)")
        let piped = try await runner.run([], stdin: Self.seedLine)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("already attached"))
    }

    @Test func syntaxErrorOnLineThreeSendsNothing() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write(
            "vault \"my_vault\" size 200\nattach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f\nbackup wiat\n", to: "bad.csbs"
        )
        let outcome = try await runner.run(["run", path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("bad.csbs:3:8: error:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("3 | backup wiat"))
        #expect(outcome.stderr.contains("^"))
        #expect(outcome.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: runner.stateDatabase), "the emulator was never started")

        let remote = try await runner.run(
            ["run", path, "--endpoint", "http://127.0.0.1:9"],
            environment: ["OS_USERNAME": "u", "OS_PASSWORD": "p", "OS_USER_DOMAIN_NAME": "d", "OS_PROJECT_NAME": "cn-north-4"]
        )
        #expect(remote.status == 65, "no connection was attempted")
    }

    @Test func everyBadLineIsReported() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("vault size 10\nattach printer x\nbackupp\n", to: "three.csbs")
        let outcome = try await runner.run(["check", path])
        #expect(outcome.status == 65)
        for line in 1...3 {
            #expect(outcome.stderr.contains("three.csbs:\(line):"), "line \(line): \(outcome.stderr)")
        }
    }

    @Test func exitStatuses() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try await runner.run(["run", runner.home + "/missing.csbs"]).status == 66)
        #expect(try await runner.run(["--no-such-flag"]).status == 64)
        #expect(try await runner.run(["-c", "backup"]).status == 70)
        let timeout = try await runner.run(
            ["-c", Self.seedLine + " timeout 1s"], environment: ["CSBS_EMULATOR_BACKUP_DURATION": "1h"]
        )
        #expect(timeout.status == 75, "\(timeout.stderr)")
        #expect(timeout.stderr.contains("keeps running"))
        let incomplete = try await runner.run(["-c", Self.seedLine], environment: ["OS_USERNAME": "ops"])
        #expect(incomplete.status == 78)
        #expect(try await runner.run(["check", runner.write("vault v size 10\n", to: "ok.csbs")]).status == 0)
    }

    @Test func aSetAttachShowsEveryRefusedResourceWithWhy() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // The demo inventory's stopped server is refused (BackupService.7101); the others go in
        let outcome = try await runner.run(["-c", #"vault "set" size 500; let fleet = servers; attach server $fleet"#])
        #expect(outcome.status == 70, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let summary = try #require(lines.firstIndex { $0.hasPrefix(#"4 servers to vault "set": 3 attached"#) }, "\(outcome.stdout)")
        #expect(lines[summary + 1].hasPrefix("ID "), "\(outcome.stdout)")
        #expect(lines[summary + 1].contains("CODE") && lines[summary + 1].contains("REASON"))
        let refused = lines.dropFirst(summary + 2).filter { $0.contains("BackupService.7101") }
        #expect(refused.count == 1 && refused[0].hasSuffix("cannot be backed up in status SHUTOFF."), "\(outcome.stdout)")
        #expect(outcome.stderr.contains("1 of 4 servers not attached"))
    }

    @Test func versionIsPrinted() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let version = try await runner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "csbs \(CSBSVersion.current)\n")
    }

    /// The batch lines read without ArgumentParser still refuse what ArgumentParser refuses, the same way.
    @Test func badArgumentsNextToScriptsAreStillUsageErrors() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let badEndpoint = try await runner.run(["--endpoint", "ftp://example", "-c", "echo 1"])
        #expect(badEndpoint.status == 64)
        #expect(badEndpoint.stderr.contains("--endpoint must start with http:// or https://"))
        let repeated = try await runner.run(["-c", "echo 1", "--json", "--json"])
        #expect(repeated.status == 0, "\(repeated.stderr)")
        #expect(repeated.stdout == #"{"kind":"echo","message":"1"}"# + "\n")
        #expect(try await runner.run(["-c"]).status == 64)
        let echo = try await runner.run(["-q", "-c", "echo \"hi\"", "--region", "cn-north-4"])
        #expect(echo.status == 0, "\(echo.stderr)")
        #expect(echo.stdout == "hi\n")
    }

    @Test func passwordsNeverReachOutput() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let secret = "Sup3r-Secret-Passw0rd"
        let outcome = try await runner.run(
            ["-c", Self.seedLine, "--endpoint", "http://127.0.0.1:9"],
            environment: ["OS_USERNAME": "ops", "OS_PASSWORD": secret, "OS_USER_DOMAIN_NAME": "acme", "OS_PROJECT_NAME": "cn-north-4"]
        )
        #expect(outcome.status == 70)
        #expect(!(outcome.stdout + outcome.stderr).contains(secret))
        #expect(outcome.stderr.contains("obtain IAM token: cannot connect to http://127.0.0.1:9"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[runtime.connectionFailed]"))
    }
}

@Suite("Example runbooks")
struct ExampleTests {
    static let examples: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples").path

    @Test func everyExampleChecksCleanAndTheSeedExampleRuns() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples).filter { $0.hasSuffix(".csbs") }
        #expect(!files.isEmpty)
        let check = try await runner.run(["check"] + files.map { Self.examples + "/" + $0 })
        #expect(check.status == 0, "\(check.stderr)")
        let seed = try await runner.run([Self.examples + "/seed-cbr.csbs"])
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains(" available after "))
    }

    /// Issue 5's "done when": `--json` works on every example runbook — each runs green against a fresh built-in
    /// emulator and every line it prints on stdout is one JSON object. The cleanup runbook gets a vault with a backup
    /// first, so it has something to look at (on a fresh state it reports that there is nothing to clean).
    @Test func everyExampleRunsWithJSONOutput() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples).filter { $0.hasSuffix(".csbs") }
        let preconditions = [
            "cleanup-old-backups.csbs":
                #"vault "cleanup-vault" size 100; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait"#
        ]
        for file in files.sorted() {
            let runner = try CommandRunner()
            defer { runner.cleanUp() }
            if let setup = preconditions[file] {
                #expect(try await runner.run(["-c", setup]).status == 0)
            }
            let outcome = try await runner.run(["run", "--json", Self.examples + "/" + file])
            #expect(outcome.status == 0, "\(file): \(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n")
            #expect(!lines.isEmpty, "\(file) printed nothing")
            for line in lines {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object != nil, "\(file): not a JSON object: \(line)")
            }
        }
    }

    @Test func preUpgradeGateOpensAndTheErrorReportGoesOn() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let upgrade = try await runner.run([Self.examples + "/pre-upgrade.csbs", "CHG-42"])
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.stdout.contains("gate open: restore point "))
        #expect(upgrade.stdout.contains("(ticket CHG-42)"))
        let json = try await runner.run(["run", "--json", Self.examples + "/pre-upgrade.csbs"])
        #expect(json.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"kind\":") }, "\(json.stdout)")
        let report = try await runner.run([Self.examples + "/error-report.csbs"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("could not attach: BackupService.6302"))
        #expect(report.stderr.contains("[runtime.serviceError]"))
    }
}
