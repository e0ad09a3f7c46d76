import ArgumentParser
import CSBSClient
import Testing

@testable import csbs

/// The batch and shell lines read without ArgumentParser mean exactly what ArgumentParser reads them as; every
/// other line is left to ArgumentParser.
@Suite("Direct argument reading")
struct DirectArgumentsTests {
    /// What ArgumentParser makes of a command line (after `Main.arguments`), as a ``ScriptRequest``.
    private func parsedByArgumentParser(_ line: [String], stdinIsTerminal: Bool) throws -> ScriptRequest? {
        switch try CSBSCommand.parseAsRoot(Main.arguments(line)) {
        case let root as CSBSCommand: return root.scriptRequest(stdinIsTerminal: stdinIsTerminal)
        case let run as CSBSCommand.Run: return run.scriptRequest
        case let other: throw Unexpected(command: "\(type(of: other))")
        }
    }

    private struct Unexpected: Error { let command: String }

    /// The batch run ``DirectArguments`` reads from a line, or nil.
    private func directScript(_ line: [String], stdinIsTerminal: Bool) -> ScriptRequest? {
        guard case .script(let request) = DirectArguments.parse(line, stdinIsTerminal: stdinIsTerminal) else { return nil }
        return request
    }

    static let readDirectly: [[String]] = [
        ["-c", "echo 1"],
        ["-c", "vault \"a\" size 200", "-c", "list vaults", "--json"],
        ["--json", "-c", "x"],
        ["-q", "-c", "x"],
        ["--quiet", "--json", "-c", "x"],
        ["--dry-run", "-c", "x", "-v"],
        ["--verbose", "-c", "x"],
        ["-c", ""],
        ["-c", "run"],
        ["-c", "help"],
        [
            "-c", "x", "--endpoint", "http://127.0.0.1:1", "--region", "cn-north-4", "--profile", "ops",
            "--iam-endpoint=https://iam.example", "--cbr-endpoint", "http://cbr.example", "--csbs-endpoint=http://s",
            "--ca-bundle", "/tmp/ca.pem", "--insecure-skip-tls-verify",
        ],
        ["--region=cn-north-4", "-c", "x"],
        ["script.csbs"],
        ["script.csbs", "a", "b"],
        ["script.csbs", "a", "--json", "b"],
        ["script.csbs", "--dry-run", "-q"],
        ["script.csbs", "--endpoint=http://127.0.0.1:9", "arg"],
        ["./runbooks/pre-upgrade.csbs", "web-01", "--region", "cn-north-4", "db-01"],
        ["run", "script.csbs"],
        ["run", "--json", "script.csbs", "x"],
        ["run", "script.csbs", "--verbose", "x", "y"],
        ["run", "script.csbs", "run"],
        ["--json", "script.csbs"],
        ["-q", "script.csbs", "a"],
        ["--region", "cn-south-1", "--dry-run", "script.csbs", "a"],
        ["-c", "echo $1", "x"],
        ["-c", "echo $1 $2", "run", "--json", "serve"],
        ["--json", "-c", "x", "a", "-c", "y", "b"],
        ["--yes", "script.csbs", "a"],
        ["run", "script.csbs", "-y", "--var", "n=1"],
        ["-y", "-c", "confirm x", "w"],
    ]

    @Test(arguments: readDirectly)
    func meansWhatArgumentParserReads(_ line: [String]) throws {
        let direct = try #require(directScript(Main.arguments(line), stdinIsTerminal: true))
        #expect(direct == (try parsedByArgumentParser(line, stdinIsTerminal: true)))
    }

    @Test(arguments: [[], ["--json"], ["-q", "--region", "cn-north-4"]])
    func stdinThatIsNotATerminalIsTheScript(_ line: [String]) throws {
        let direct = try #require(directScript(line, stdinIsTerminal: false))
        #expect(direct.script == .standardInput)
        #expect(direct == (try parsedByArgumentParser(line, stdinIsTerminal: false)))
    }

    /// Options may come before the file in the short form (a `#!/usr/bin/env -S csbs --json` line), and the
    /// words of a `-c` line are the script's arguments.
    @Test func optionsBeforeTheFileAndArgumentsOfACommandLine() throws {
        let file = try #require(directScript(Main.arguments(["--json", "-q", "f.csbs", "a"]), stdinIsTerminal: true))
        #expect(file.script == .file("f.csbs"))
        #expect(file.arguments == ["a"])
        #expect(file.mode == .quietJSON)
        let inline = try #require(directScript(Main.arguments(["-c", "echo $1", "x", "y"]), stdinIsTerminal: true))
        #expect(inline.script == .commands(["echo $1"]))
        #expect(inline.arguments == ["x", "y"])
        #expect(Main.arguments(["--json", "check", "f.csbs"]) == ["--json", "check", "f.csbs"])
        let yes = try #require(directScript(Main.arguments(["-y", "f.csbs"]), stdinIsTerminal: true))
        #expect(yes.assumeYes)
        #expect(try parsedByArgumentParser(["f.csbs", "--yes"], stdinIsTerminal: true)?.assumeYes == true)
        #expect(file.assumeYes == false)
    }

    static let shellLines: [[String]] = [
        [], ["--region", "cn-north-4"], ["-v"], ["--verbose", "--profile=ops"],
        ["--endpoint", "http://127.0.0.1:1", "--iam-endpoint=https://iam.example", "--cbr-endpoint", "http://c",
         "--csbs-endpoint=http://s", "--ca-bundle", "/tmp/ca.pem", "--insecure-skip-tls-verify"],
    ]

    /// `csbs` on a terminal with only connection options starts the shell with what ArgumentParser would give it
    /// (BENCHMARKS.md, "Shell start-up": ArgumentParser was a tenth of the start's CPU).
    @Test(arguments: shellLines)
    func theShellMeansWhatArgumentParserReads(_ line: [String]) throws {
        let direct = DirectArguments.parse(Main.arguments(line), stdinIsTerminal: true)
        let root = try #require(try CSBSCommand.parseAsRoot(Main.arguments(line)) as? CSBSCommand)
        #expect(root.scriptRequest(stdinIsTerminal: true) == nil)
        #expect(direct == .shell(root.shellRequest))
    }

    /// Options the shell does not take: ArgumentParser refuses `--dry-run` without a script and ignores the rest.
    @Test(arguments: [["--dry-run"], ["--json"], ["-q"], ["--yes"], ["--var", "n=1"], ["--region", "a", "--json"]])
    func otherOptionsOfTheShellAreLeftToArgumentParser(_ line: [String]) {
        #expect(DirectArguments.parse(Main.arguments(line), stdinIsTerminal: true) == nil)
    }

    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["help"], ["--version"], ["-c", "x", "--help"],
        ["serve", "--memory"], ["--json", "check", "script.csbs"],
        ["-c"], ["-c", "--json"], ["-c", "-1"], ["-c", "x", "--"],
        ["-c", "x", "--json", "--json"], ["-q", "-q", "-c", "x"],
        ["--region", "a", "--region", "b", "-c", "x"], ["--region=", "-c", "x"], ["--profile", "", "-c", "x"],
        ["--endpoint", "ftp://example", "-c", "x"], ["--cbr-endpoint=cbr.example", "-c", "x"],
        ["-qv", "-c", "x"], ["--json=1", "-c", "x"], ["--unknown", "-c", "x"], ["--script-argument", "x"],
        ["script.csbs", "-x"], ["script.csbs", "--", "a"], ["script.csbs", "--region"],
        ["run"], ["run", "-"], ["run", "script.csbs", "-c", "x"], ["run", "--json"],
    ]

    static let checkLines: [[String]] = [
        ["check", "script.csbs"],
        ["check", "a.csbs", "b.csbs", "help", "run"],
        ["check", "--warnings-as-errors", "a.csbs"],
        ["check", "a.csbs", "--warnings-as-errors", "b.csbs"],
        ["check", "--report", "junit", "out.xml", "a.csbs"],
        ["check", "a.csbs", "--report=tap:out.tap", "--warnings-as-errors"],
        ["check", ""],
        ["check", "-"], ["check", "--warnings-as-errors", "-", "a.csbs"],
    ]

    /// `csbs check FILE…` read here is the check ArgumentParser reads (BENCHMARKS.md, "`csbs check` speed":
    /// ArgumentParser was about 32 M instructions of the check).
    @Test(arguments: checkLines)
    func theCheckMeansWhatArgumentParserReads(_ line: [String]) throws {
        let direct = DirectArguments.parse(Main.arguments(line), stdinIsTerminal: true)
        let check = try #require(try CSBSCommand.parseAsRoot(Main.arguments(line)) as? CSBSCommand.Check)
        #expect(direct == .check(check.checkRequest))
        #expect(DirectArguments.parse(Main.arguments(line), stdinIsTerminal: false) == direct)
    }

    /// Help, usage errors and anything unsure stay ArgumentParser's, so its messages and exit status are the one
    /// place for them.
    static let checkLinesLeftToArgumentParser: [[String]] = [
        ["check"], ["check", "--help"], ["check", "-h"], ["check", "a.csbs", "--help"],
        ["check", "--", "a.csbs"], ["check", "--warnings-as-errors"], ["check", "--report=junit:x.xml"],
        ["check", "--warnings-as-errors", "--warnings-as-errors", "a.csbs"],
        ["check", "--report=junit:x", "--report=tap:y", "a.csbs"], ["check", "--report=xml:x", "a.csbs"],
        ["check", "--report=junit:", "a.csbs"], ["check", "--report", "a.csbs"], ["check", "--report", "tap:t", "a.csbs"], ["check", "--json", "a.csbs"],
        ["check", "-q", "a.csbs"], ["check", "--warnings-as-errors=1", "a.csbs"],
    ]

    @Test(arguments: checkLinesLeftToArgumentParser)
    func otherCheckLinesAreLeftToArgumentParser(_ line: [String]) {
        #expect(DirectArguments.parse(Main.arguments(line), stdinIsTerminal: true) == nil)
    }

    @Test(arguments: leftToArgumentParser)
    func anythingElseIsLeftToArgumentParser(_ line: [String]) {
        #expect(DirectArguments.parse(Main.arguments(line), stdinIsTerminal: true) == nil)
        #expect(DirectArguments.parse(Main.arguments(line), stdinIsTerminal: false) == nil)
    }
}
