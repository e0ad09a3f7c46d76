import Foundation
import Testing

/// The language through the built binary: arguments, output modes, exit statuses and `check`.
@Suite("Language through the binary", .serialized)
struct LanguageCLITests {
    @Test func scriptArgumentsAndEnvironment() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("echo $1 $args.count $env.GREETING\n", to: "args.csbs")
        let outcome = try await runner.run(["run", path, "one", "--two"], environment: ["GREETING": "hi"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "one 2 hi\n")
        let direct = try await runner.run([path, "x"])
        #expect(direct.stdout == "x 1 null\n")
    }

    /// One JSON object per result; a capture prints nothing, a value on its own prints it (also under `--quiet`).
    @Test func jsonPrintsOneObjectPerResultAndQuietOnlyWhatIsAskedFor() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = #"vault "j" size 10; let v = vault "j" size 10; echo "id=${v.id}"; $v.size_gb"#
        let json = try await runner.run(["--json", "-c", script])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        try #require(lines.count == 3, "\(json.stdout)")
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects[0]?["kind"] as? String == "vault")
        #expect(objects[0]?["size_gb"] as? Int == 10)
        #expect(objects[1]?["kind"] as? String == "echo", "the captured vault printed nothing")
        #expect(objects[2]?["kind"] as? String == "value")
        #expect(objects[2]?["value"] as? Int == 10)
        #expect(!json.stdout.contains("using the built-in emulator"), "diagnostics stay on stderr")

        let quiet = try await runner.run(["--quiet", "-c", script])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.hasPrefix("id="))
        #expect(quiet.stdout.split(separator: "\n").count == 2)
        #expect(quiet.stdout.hasSuffix("\n10\n"))
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    /// `warn` prints on standard error in every mode, so standard output stays the results (and, with `--json`,
    /// only result objects); its object goes to standard error too.
    @Test func warnPrintsOnStandardError() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = #"echo "out"; warn "careful:" 3 "\u{1B}]0;t""#
        let human = try await runner.run(["-c", script])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout == "out\n")
        #expect(human.stderr.contains("careful: 3 \\e]0;t\n"), "\(human.stderr)")
        let quiet = try await runner.run(["--quiet", "-c", script])
        #expect(quiet.stdout == "out\n")
        #expect(quiet.stderr.contains("careful: 3"))
        let json = try await runner.run(["--json", "-c", script])
        #expect(json.stdout.split(separator: "\n").count == 1, "\(json.stdout)")
        let line = try #require(json.stderr.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["kind"] as? String == "warn")
        #expect(object?["message"] as? String == "careful: 3 \u{1B}]0;t")
    }

    /// `--var` gives a `param` its value typed by its default, read directly and by ArgumentParser alike; a bad,
    /// missing or unknown one ends the run with 64 before anything is sent, every problem reported.
    @Test func varsBindParamsBeforeTheRun() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("param retention = 7d\nparam label\necho ($retention / 1d) $label\n", to: "p.csbs")
        let typed = try await runner.run(["--var", "retention=14d", path, "--var=label=x"])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(typed.stdout == "14 x\n")
        let defaulted = try await runner.run(["run", path, "--var", "label=y"])
        #expect(defaulted.stdout == "7 y\n", "\(defaulted.stderr)")
        let inline = try await runner.run(["-c", "param n = 1", "-c", "echo ($n + 1) $1", "--var", "n=41", "w"])
        #expect(inline.stdout == "42 w\n", "\(inline.stderr)")

        let fresh = try CommandRunner()
        defer { fresh.cleanUp() }
        let bad = try await fresh.run([path, "--var", "retention=14", "--var", "lable=z"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("p.csbs:1:1: error: --var retention=14: not a duration"), "\(bad.stderr)")
        #expect(bad.stderr.contains("did you mean 'label'?"))
        #expect(bad.stderr.contains("[param.missingVar]"))
        #expect(!FileManager.default.fileExists(atPath: fresh.stateDatabase), "nothing ran")
        let malformed = try await fresh.run([path, "--var", "retention"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("--var needs NAME=VALUE"), "\(malformed.stderr)")
    }

    /// `confirm` in a batch run with no terminal stops with 64 and says to pass `--yes`, before the step it guards;
    /// `--yes` (`-y`, read directly and by ArgumentParser) answers it; `--dry-run` shows it and goes on.
    @Test func confirmInABatchRunNeedsYesWithoutATerminal() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("let n = 2\nconfirm \"delete $n backups?\"\necho deleting\n", to: "c.csbs")
        let refused = try await runner.run([path])
        #expect(refused.status == 64)
        #expect(refused.stdout == "")
        #expect(refused.stderr.contains("c.csbs:2:1: error: 'confirm' cannot ask \"delete 2 backups?\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("run with --yes (-y)"))
        #expect(refused.stderr.contains("[runtime.confirmNeedsYes]"))
        let fromStdin = try await runner.run(["--json"], stdin: "confirm \"go?\"\necho gone\n")
        #expect(fromStdin.status == 64)
        #expect(fromStdin.stdout.contains("\"exit_status\":64"), "\(fromStdin.stdout)")
        let yes = try await runner.run(["--yes", path])
        #expect(yes.status == 0, "\(yes.stderr)")
        #expect(yes.stdout == "deleting\n")
        #expect(yes.stderr.contains("confirm: delete 2 backups? yes (--yes)"), "\(yes.stderr)")
        let short = try await runner.run(["run", "--json", path, "-y"])
        #expect(short.status == 0, "\(short.stderr)")
        let dry = try await runner.run(["run", "--dry-run", path])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would ask: delete 2 backups?, assumed yes\ndeleting\n"), "\(dry.stdout)")
        let help = try await runner.run(["run", "--help"])
        #expect(help.stdout.contains("--yes"))
    }

    @Test func exitStatusesOfTheLanguage() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let assertion = try await runner.run(["-c", "assert 1 == 2 \"gate closed\""])
        #expect(assertion.status == 1)
        #expect(assertion.stderr.contains("assertion failed: gate closed [runtime.assertionFailed]"))
        #expect(try await runner.run(["-c", "echo a; exit 42; echo b"]).status == 42)
        #expect(try await runner.run(["-c", "exit"]).status == 0)
        let fresh = try CommandRunner()
        defer { fresh.cleanUp() }
        let undefined = try await fresh.run(["-c", "vault v size 10\necho $nope"])
        #expect(undefined.status == 65, "names are resolved before anything is sent")
        #expect(!FileManager.default.fileExists(atPath: fresh.stateDatabase))
        let help = try await runner.run(["--help"])
        #expect(help.stdout.contains("1 an assert failed"))
    }

    /// `csbs check` prints its warnings located like errors, and exits 0 for them unless --warnings-as-errors; a
    /// run prints none.
    @Test func checkWarnsWithoutFailingUnlessWarningsAreErrors() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write("let unused = 1\necho \"today $(date)\"\nvaults\n", to: "w.csbs")
        let check = try await runner.run(["check", path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("w.csbs:1:5: warning: 'unused' is never read"), "\(check.stderr)")
        #expect(check.stderr.contains("1 | let unused = 1\n  |     ^~~~~~"))
        #expect(check.stderr.contains("w.csbs:2:13: warning: '$(…)' is text in a csbs string"))
        #expect(check.stderr.contains("csbs: 1 file checked, no errors, 2 warnings"))
        let strict = try await runner.run(["check", "--warnings-as-errors", path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("csbs: 2 warnings found (--warnings-as-errors)"), "\(strict.stderr)")
        let run = try await runner.run([path])
        #expect(run.status == 0)
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }

    /// `-` is stdin, as for `csbs fmt`: in the direct reading of the line and in ArgumentParser's (after `--`).
    @Test func checkReadsStdinForADash() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let bad = try await runner.run(["check", "-"], stdin: "echo $nope\n")
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("<stdin>:1:6: error: '$nope' is not defined here"), "\(bad.stderr)")
        let good = try await runner.run(["check", "--warnings-as-errors", "--", "-"], stdin: "echo 1\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("csbs: 1 file checked, no errors"), "\(good.stderr)")
    }

    @Test func checkResolvesNamesAcrossSourcedFilesAndLocatesInvalidUTF8() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try runner.write("let shared = 1\necho $typo\n", to: "lib.csbs")
        let main = try runner.write("source \"lib.csbs\"\necho $shared $other\nsource \"main.csbs\"\n", to: "main.csbs")
        let check = try await runner.run(["check", main])
        #expect(check.status == 65)
        #expect(check.stderr.contains("lib.csbs:2:6: error: '$typo' is not defined"), "\(check.stderr)")
        #expect(check.stderr.contains("main.csbs:2:14: error:"))
        #expect(check.stderr.contains("[resolve.sourceCycle]"))

        let bad = runner.home + "/bad.csbs"
        try Data(Array("echo ok\necho \u{FF}".utf8.prefix(13)) + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: bad))
        let utf8 = try await runner.run(["check", bad])
        #expect(utf8.status == 65)
        #expect(utf8.stderr.contains("bad.csbs:2:6: error: the script is not valid UTF-8 text here [lex.invalidUTF8]"), "\(utf8.stderr)")
        #expect(try await runner.run(["run", bad]).status == 65)
    }
}
