import Foundation
import Testing

/// End to end through a real pseudo-terminal (tmux): the steps a person takes in the shell.
@Suite(.serialized, .enabled(if: TerminalSession.isAvailable, "needs tmux (scripts/bootstrap installs it)"))
struct InteractiveShellTests {
    private static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    @Test func completeBackupInterruptLeaveAndComeBack() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // A vault that completion can find, made by an earlier batch run against the same emulator state.
        let seeded = try await runner.run(["-c", "vault \"pty_vault\" size 100; attach server \(Self.server)"])
        try #require(seeded.status == 0, "\(seeded.stderr)")

        // Backups take an hour, so `backup wait` is still waiting when Ctrl-C comes.
        let environment = runner.environment(["CSBS_EMULATOR_BACKUP_DURATION": "1h"])
        let shell = try TerminalSession(home: runner.home, environment: environment)
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")

        // Tab completes the vault name from the emulator.
        try shell.type("vault \"pty")
        try await shell.completeUntil("vault \"pty_vault\"")
        try shell.type("size 100")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-north-4 (pty_vault)>")

        // A backup with a live status line, interrupted with Ctrl-C: the prompt comes back, the shell goes on.
        try shell.type("backup wait")
        try shell.press("Enter")
        try await shell.waitFor(": protecting")
        try shell.press("C-c")
        let screen = try await shell.waitFor("[runtime.interrupted]")
        // The message wraps at the window's edge.
        let unwrapped = screen.replacingOccurrences(of: "\n", with: "")
        #expect(unwrapped.contains("the checkpoint keeps running in the cloud ('wait "), "\(screen)")
        #expect(unwrapped.contains("' watches it again)"), "\(screen)")
        #expect(screen.contains("[runtime.interrupted]"))
        try await shell.waitFor("csbs emulator cn-north-4 (pty_vault)>\n", seconds: 10)

        // A multi-line block continues on the secondary prompt.
        try shell.type("if true {")
        try shell.press("Enter")
        try await shell.waitFor("...>")
        try shell.type("echo \"inside the block\"")
        try shell.press("Enter")
        try await shell.waitFor("inside the block\"\n  ...>")
        try shell.type("}")
        try shell.press("Enter")
        try await shell.waitFor("inside the block\ncsbs emulator cn-north-4 (pty_vault)>")

        // Ctrl-D leaves; the terminal is the shell's again.
        try shell.press("C-d")
        try await shell.waitForExit()

        // History is on disk (0600) and offered again by the up arrow in a new session.
        let historyPath = runner.home + "/state/csbs/history"
        let history = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(history.contains("backup wait\n"))
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let again = try TerminalSession(home: runner.home, environment: environment)
        defer { again.close() }
        try await again.waitFor("csbs emulator cn-north-4>")
        try again.press("Up")
        try await again.waitFor("csbs emulator cn-north-4> if true {")
        try again.press("Up")
        try await again.waitFor("csbs emulator cn-north-4> backup wait")
        try again.press("C-c")
        try await again.waitFor("csbs emulator cn-north-4> backup wait^C\ncsbs emulator cn-north-4>")
        try again.type("exit")
        try again.press("Enter")
        try await again.waitForExit()
    }

    @Test func aHistoryEntryIsListedEscaped() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // Given a history file holding an entry with a title-setting sequence (the file is text from outside)
        try FileManager.default.createDirectory(atPath: runner.home + "/state/csbs", withIntermediateDirectories: true)
        _ = try runner.write("echo \"one\"\necho \"\u{1B}]0;pwned\u{7}two\"\n", to: "state/csbs/history")
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("history")
        try shell.press("Enter")
        // Then `history` shows the sequence, escaped, instead of obeying it
        try await shell.waitFor(#"2  echo "\e]0;pwned\u{7}two""#)
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }

    @Test func aLineWithASecretIsNotWrittenToHistory() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("let password = \"hunter2-secret\"")
        try shell.press("Enter")
        try await shell.waitFor("\"hunter2-secret\"\ncsbs emulator cn-north-4>")
        try shell.type("echo \"after\"")
        try shell.press("Enter")
        try await shell.waitFor("after\ncsbs emulator cn-north-4>")
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
        let history = try String(contentsOfFile: runner.home + "/state/csbs/history", encoding: .utf8)
        #expect(history.contains("echo \"after\""))
        #expect(!history.contains("hunter2"))
    }

    @Test func aLinkedHistoryFileStaysALinkAndASavedSessionWithATypoRunsAgain() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try FileManager.default.createDirectory(atPath: runner.home + "/dotfiles", withIntermediateDirectories: true)
        let link = runner.home + "/.csbs_history"
        #expect(symlink("dotfiles/csbs_history", link) == 0)
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(["CSBS_HISTFILE": link]))
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        for input in ["echo \"one\"", "vault \"typo\" siz 10", "echo \"two\"", "history save ~/session.csbs"] {
            try shell.type(input)
            try shell.press("Enter")
        }
        // The path wraps on the 100-column screen when the temporary directory's name is long (TMPDIR).
        try await shell.waitFor("saved 3 input(s) of this session to \(runner.home)/session.csbs", joiningLines: true)
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()

        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let history = try String(contentsOfFile: runner.home + "/dotfiles/csbs_history", encoding: .utf8)
        #expect(history.hasPrefix("echo \"one\"\n"))
        let rerun = try await runner.run(["run", runner.home + "/session.csbs"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout == "one\ntwo\n")
    }

    @Test func aResizeIsNoticedBeforeTheNextKey() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.resize(columns: 40)
        // A line longer than the new width; then the cursor goes home and one character is inserted there.
        let text = String(repeating: "abcdefghij", count: 5)
        try shell.type("echo \"\(text)\"")
        try shell.press("C-a")
        try shell.type("X")
        let screen = try await shell.waitFor("Xecho")
        let joined = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.contains("csbs emulator cn-north-4> Xecho \"\(text)\""), "\(screen)")
        try shell.press("C-e", "C-u")
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }

    @Test func afterAStopAndContinueTheTerminalIsInLineEditingModeAgain() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("echo \"abc\"")
        let (pid, tty) = try shell.process()
        // What a job-control shell does around Ctrl-Z and `fg`: stop, put the terminal back in line mode, continue.
        #expect(kill(pid, SIGSTOP) == 0)
        let terminal = open(tty, O_RDWR | O_NOCTTY)
        #expect(terminal >= 0, "cannot open \(tty)")
        var modes = termios()
        #expect(tcgetattr(terminal, &modes) == 0)
        modes.c_lflag |= tcflag_t(ICANON | ECHO | ECHOCTL)
        #expect(tcsetattr(terminal, TCSANOW, &modes) == 0)
        close(terminal)
        #expect(kill(pid, SIGCONT) == 0)
        try await Task.sleep(for: .milliseconds(300))
        try shell.press("Left")
        try shell.type("d")
        try await shell.waitFor("echo \"abcd\"")
        try shell.press("Enter")
        let screen = try await shell.waitFor("abcd\ncsbs emulator cn-north-4>")
        #expect(!screen.contains("^[[D"))
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }

    @Test func ctrlCShowsItselfAndCtrlDInABlockAbandonsOnlyTheBlock() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("vaults abc")
        try await shell.waitFor("csbs emulator cn-north-4> vaults abc")
        try shell.press("C-c")
        try await shell.waitFor("csbs emulator cn-north-4> vaults abc^C\ncsbs emulator cn-north-4>")
        try shell.type("if true {")
        try shell.press("Enter")
        try await shell.waitFor("...>")
        try shell.press("C-d")
        try await shell.waitFor("abandoned (Ctrl-D again leaves)\ncsbs emulator cn-north-4>")
        try shell.type("echo \"still here\"")
        try shell.press("Enter")
        try await shell.waitFor("still here\ncsbs emulator cn-north-4>")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    /// readline counts quotes to find the word Tab replaces and knows no string inside `${…}`: the completion is
    /// handed over for its word, so Tab after `"${x ?? "a"} $cou` inserts the variable only (it inserted a second
    /// `}` before it).
    @Test func tabAfterAStringInsideAnInterpolationInsertsOnlyTheName() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("let counter = 1; let x = null")
        try shell.press("Enter")
        try await shell.waitFor("let x = null\ncsbs emulator cn-north-4>")
        try shell.type(#"echo "${x ?? "a"} $cou"#)
        try await shell.completeUntil(#"csbs emulator cn-north-4> echo "${x ?? "a"} $counter"#)
        try shell.type(#"${x ?? "b ${cou"#)
        try await shell.completeUntil(#"$counter ${x ?? "b ${counter"#)
        try shell.type(#"}"}""#)
        try shell.press("Enter")
        let screen = try await shell.waitFor("a 1 b 1\ncsbs emulator cn-north-4>")
        #expect(!screen.contains("}}"), "\(screen)")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func aListOrRecordSpansLinesAsInAFile() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("let r = [1,")
        try shell.press("Enter")
        try await shell.waitFor("let r = [1,\n  ...>")
        try shell.type("2]")
        try shell.press("Enter")
        try await shell.waitFor("  ...> 2]\ncsbs emulator cn-north-4>")
        try shell.type("let s = {name: \"a\",")
        try shell.press("Enter")
        try await shell.waitFor("\"a\",\n  ...>")
        try shell.type("size: 2}")
        try shell.press("Enter")
        try await shell.waitFor("  ...> size: 2}\ncsbs emulator cn-north-4>")
        try shell.type("echo $r $s.size")
        try shell.press("Enter")
        try await shell.waitFor("[1,2] 2\ncsbs emulator cn-north-4>")
        // A closer of the wrong kind is an error at once, not a wait for more lines.
        try shell.type("let t = [1, }")
        try shell.press("Enter")
        let screen = try await shell.waitFor("error:")
        #expect(!screen.contains("let t = [1, }\n  ...>"), "\(screen)")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func sessionTimingAndExpandedDisplay() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("let greeting = \"hi\\u{1B}[31m\"; on error continue")
        try shell.press("Enter")
        try await shell.waitFor("on error continue\ncsbs emulator cn-north-4>")
        try shell.type("session")
        try shell.press("Enter")
        var screen = try await shell.waitFor("variables:")
        try await shell.waitFor("$greeting  hi\\e[31m\ncsbs emulator cn-north-4>")
        screen = try shell.screen()
        #expect(screen.contains("backend       emulator cn-north-4"), "\(screen)")
        #expect(screen.contains("on error      continue"), "\(screen)")
        #expect(screen.contains("credentials   password of user"), "\(screen)")
        #expect(screen.contains("vault         - (none selected"), "\(screen)")

        try shell.type("\\x")
        try shell.press("Enter")
        try await shell.waitFor("expanded display is on\ncsbs emulator cn-north-4>")
        try shell.type("vault \"x_vault\" size 100")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-north-4 (x_vault)>")
        try shell.type("vaults")
        try shell.press("Enter")
        try await shell.waitFor("-[ RECORD 1 ]-")

        try shell.type("timing")
        try shell.press("Enter")
        try await shell.waitFor("timing is on\n")
        try shell.type("echo \"timed\"")
        try shell.press("Enter")
        screen = try await shell.waitFor("timed\nTime: ")
        #expect(screen.contains(" ms\n") || screen.contains(" s\n"), "\(screen)")
        try shell.type("timing maybe")
        try shell.press("Enter")
        try await shell.waitFor("usage: timing [on|off]")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func editWritesTheInputInTheEditorAndRunsIt() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // An "editor" that appends a line to the file it is given, as a person would type it.
        let editor = runner.home + "/fake-editor"
        try "#!/bin/sh\nprintf 'echo \"from the editor\"\\n' >> \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: editor)
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(["EDITOR": editor]))
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("echo \"first\"")
        try shell.press("Enter")
        try await shell.waitFor("first\ncsbs emulator cn-north-4>")
        try shell.type("\\e")
        try shell.press("Enter")
        try await shell.waitFor("echo \"first\"\necho \"from the editor\"\nfirst\nfrom the editor\ncsbs emulator cn-north-4>")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func aResultTallerThanTheWindowGoesThroughThePager() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let pager = runner.home + "/fake-pager"
        // It says whether it has the terminal: `less` reads its keys from /dev/tty, which a child in a session of
        // its own (Foundation's `Process`) cannot open, and then prints the text through without paging.
        let script = "#!/bin/sh\necho '>>> pager start'\ncat\n(: < /dev/tty) 2>/dev/null && echo '>>> pager on the terminal'\n"
            + "echo '<<< pager end'\n"
        try script.write(toFile: pager, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: pager)
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(["PAGER": pager]))
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        // A short result is printed as it is.
        try shell.type("vault \"paged_0\" size 10")
        try shell.press("Enter")
        var screen = try await shell.waitFor("csbs emulator cn-north-4 (paged_0)>")
        #expect(!screen.contains(">>> pager start"))
        try shell.type("for i in 1..40 { vault \"paged_${i}\" size 10 }")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-north-4 (paged_40)>")
        try shell.type("vaults")
        try shell.press("Enter")
        screen = try await shell.waitFor("<<< pager end")
        #expect(screen.contains("paged_40 "), "\(screen)")
        #expect(screen.contains(">>> pager on the terminal"), "\(screen)")
        // Help taller than the window too.
        try shell.type("help")
        try shell.press("Enter")
        screen = try await shell.waitFor("help limits'.\n>>> pager on the terminal\n<<< pager end")
        #expect(screen.contains("Shell commands:"), "\(screen)")
        try shell.type("pager off")
        try shell.press("Enter")
        try await shell.waitFor("pager is off")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func aCapturedWaitLeavesNoStatusLineBehind() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let seeded = try await runner.run(["-c", "vault \"cap_vault\" size 100; attach server \(Self.server)"])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let environment = runner.environment(["CSBS_EMULATOR_BACKUP_DURATION": "3s"])
        let shell = try TerminalSession(home: runner.home, environment: environment)
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("use vault \"cap_vault\"")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-north-4 (cap_vault)>")
        // The backup takes a couple of seconds: the live status line shows, and the quiet capture prints nothing
        // that would overwrite it.
        try shell.type("let cp = backup wait")
        try shell.press("Enter")
        try await shell.waitFor("let cp = backup wait\ncsbs emulator cn-north-4 (cap_vault)>")
        try shell.type("$cp.status")
        try shell.press("Enter")
        try await shell.waitFor("available\ncsbs emulator cn-north-4 (cap_vault)>")
        try shell.press("C-d")
        try await shell.waitForExit()
    }

    @Test func withOutputRedirectedTheFileGetsOnlyResults() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let file = runner.home + "/out.txt"
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(), standardOutput: file)
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("echo \"result\"")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-north-4> echo \"result\"\ncsbs emulator cn-north-4>")
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "result\n")
    }

    @Test func verboseTracesTheCommandsTypedNotTheCompletionRefresh() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment(), arguments: ["-v"])
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("echo \"one\"")
        try shell.press("Enter")
        try await shell.waitFor("one\ncsbs emulator cn-north-4>")
        try shell.type("vaults")
        try shell.press("Enter")
        try await shell.waitFor("vaults?limit")
        try shell.type("echo \"two\"")
        try shell.press("Enter")
        try await shell.waitFor("two\n")
        // Time for a background refresh to have traced, had it been traced.
        try await Task.sleep(for: .seconds(1))
        // The refresh lists vaults, servers, disks and backups; only `vaults`, typed, may show in the trace. The IAM
        // login the first refresh starts is not traced (the first `echo` sends nothing).
        let screen = try shell.screen()
        for listing in ["protectables/server", "protectables/disk", "/backups?", "auth/tokens"] {
            #expect(!screen.contains(listing), "\(screen)")
        }
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }

    @Test func thePromptFollowsARegionSwitch() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let shell = try TerminalSession(home: runner.home, environment: runner.environment())
        defer { shell.close() }
        try await shell.waitFor("csbs emulator cn-north-4>")
        try shell.type("region cn-south-1")
        try shell.press("Enter")
        try await shell.waitFor("csbs emulator cn-south-1>")
        try shell.type("exit")
        try shell.press("Enter")
        try await shell.waitForExit()
    }
}
