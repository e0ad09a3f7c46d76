import Foundation
import Testing

/// `region`, `profile` and `endpoint` through the built binary and its built-in emulator.
@Suite("Context statements through the built binary", .serialized)
struct ContextStatementCLITests {
    @Test func regionSwitchesToTheEmulatorsOtherProject() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // Given a script that makes a vault in each of the emulator's regions
        let script = """
            vault "north-vault" size 50
            region cn-south-1
            vault "south-vault" size 50
            let mine = vaults
            assert $mine.count == 1 "cn-south-1 sees only its own vault"
            region cn-north-4
            let theirs = vaults
            assert $theirs.count == 1 "cn-north-4 sees only its own vault"
            """
        let outcome = try await runner.run(["-c", script])
        // Then both ran, each in its own project
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("region cn-south-1: now using http://127.0.0.1:"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains(#"vault "south-vault" created"#))
    }

    @Test func aRegionWithoutAnEmulatorProjectIsAConfigurationError() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["-c", "region ap-southeast-1\nvaults"])
        #expect(outcome.status == 78, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("the built-in emulator has projects in cn-north-4 and cn-south-1 only"))
        #expect(outcome.stderr.contains("[runtime.configurationError]"))
    }

    /// Settings a script's statements ask for that do not resolve exit 78, as the README promises, like the
    /// same settings given as flags.
    @Test(arguments: ["profile nope\nvaults", "endpoint \"http://127.0.0.1:9\"\nvaults"])
    func aConfigurationErrorInAScriptExits78(_ script: String) async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["-c", script])
        #expect(outcome.status == 78, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[runtime.configurationError]"), "\(outcome.stderr)")
    }

    @Test func checkReportsAMisspeltRegion() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("region cn-south-2\nregion cn-suoth-1\n", to: "regions.csbs")
        let outcome = try await runner.run(["check", path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("regions.csbs:2:8: error: unknown region 'cn-suoth-1'; did you mean 'cn-south-1'?"))
    }

    @Test func aProfileSecretNeverReachesOutput() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // Given a profile whose password is wrong for the emulator
        let secret = "Sup3r-Secret-Passw0rd"
        let path = runner.home + "/profiles"
        let profiles = """
            [profile prod]
            auth = password
            user = demo
            domain = csbs-demo
            password = \(secret)
            project_name = cn-north-4
            region = cn-north-4
            cbr_endpoint = http://127.0.0.1:9
            iam_endpoint = http://127.0.0.1:9
            """
        try profiles.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        // When a script switches to it and fails
        let outcome = try await runner.run(["--verbose", "-c", "profile prod\nvaults"], environment: ["CSBS_CONFIG_FILE": path])
        // Then the run fails without ever printing the password
        #expect(outcome.status == 70, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("profile prod: now using http://127.0.0.1:9"), "\(outcome.stdout)")
        #expect(!outcome.stdout.contains(secret) && !outcome.stderr.contains(secret), "\(outcome.stderr)")
    }
}
