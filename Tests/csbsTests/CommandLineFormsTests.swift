import Foundation
import Testing

/// Options before the file, arguments of `-c`, `--region`/`OS_REGION_NAME` against the built-in emulator, and the
/// JSON output of errors and of `--quiet --json`.
@Suite("Command-line forms and JSON errors", .serialized)
struct CommandLineFormsTests {
    private func objects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    /// `#!/usr/bin/env -S csbs --json` runs `csbs --json FILE ARGS…`.
    @Test func optionsMayComeBeforeTheFile() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("#!/usr/bin/env -S csbs --json\necho \"first=${1}\" $1\n", to: "s.csbs")
        let json = try await runner.run(["--json", path, "42"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try objects(json.stdout).first?["kind"] as? String == "echo", "\(json.stdout)")
        let quiet = try await runner.run(["-q", path, "42"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.hasSuffix(" 42\n"), "\(quiet.stdout)")
    }

    @Test func wordsAfterACommandLineScriptAreItsArguments() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["-c", "echo $1 $args.count", "x", "run"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "x 2\n")
    }

    /// The flag and the variable pick the emulator's project as the `region` statement does.
    @Test func regionFlagAndVariableSelectTheEmulatorsProject() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let made = try await runner.run(["-c", "region cn-south-1\nvault \"south-only\" size 10"])
        #expect(made.status == 0, "\(made.stderr)")
        let listing = "let all = vaults\nfor v in $all { echo $v.name }"
        let byFlag = try await runner.run(["-q", "--region", "cn-south-1", "-c", listing])
        #expect(byFlag.stdout == "south-only\n", "\(byFlag.stderr)")
        let byVariable = try await runner.run(["-q", "-c", listing], environment: ["OS_REGION_NAME": "cn-south-1"])
        #expect(byVariable.stdout == "south-only\n", "\(byVariable.stderr)")
        let north = try await runner.run(["-q", "-c", listing])
        #expect(!north.stdout.contains("south-only"))
        let unknown = try await runner.run(["--region", "cn-east-3", "-c", listing])
        #expect(unknown.status == 78, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("not in cn-east-3"))
    }

    @Test func errorsAreObjectsUnderJSON() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["--json", "-c", "echo start\nuse vault \"nope\""])
        #expect(outcome.status == 70)
        let error = try #require(try objects(outcome.stdout).last)
        #expect(error["kind"] as? String == "error")
        #expect(error["id"] as? String == "runtime.badArgument")
        #expect(error["code"] as? String == "runtime.badArgument")
        #expect((error["message"] as? String)?.hasPrefix("no vault is called \"nope\"") == true)
        #expect(error["file"] as? String == "<-c>")
        #expect(error["line"] as? Int == 2)
        #expect(error["column"] as? Int == 11)
        #expect(error["exit_status"] as? Int == 70)
        #expect(outcome.stderr.contains("[runtime.badArgument]"), "still rendered on stderr")

        let syntax = try await runner.run(["--json", "-c", "vault size"])
        #expect(syntax.status == 65)
        #expect(try objects(syntax.stdout).first?["exit_status"] as? Int == 65, "\(syntax.stdout)")

        let configuration = try await runner.run(["--json", "--region", "cn-east-3", "-c", "vaults"])
        #expect(configuration.status == 78)
        let object = try #require(try objects(configuration.stdout).first)
        #expect(object["kind"] as? String == "error")
        #expect(object["exit_status"] as? Int == 78)
        #expect(object["file"] is NSNull)
    }

    @Test func quietJSONPrintsOnlyEchoAsObjects() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["--quiet", "--json", "-c", "vault \"qj\" size 10\necho hi"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let all = try objects(outcome.stdout)
        #expect(all.count == 1, "\(outcome.stdout)")
        #expect(all.first?["kind"] as? String == "echo")
        #expect(all.first?["message"] as? String == "hi")
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
    }
}
