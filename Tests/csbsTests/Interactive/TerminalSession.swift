import Foundation

/// Drives the built `csbs` in a real pseudo-terminal through a private tmux server: type keys, read the
/// screen. Used by the end-to-end shell tests; each session has its own socket, HOME and state directory.
struct TerminalSession {
    enum Failure: Error, CustomStringConvertible {
        case tmux(String)
        case timedOut(waitingFor: String, screen: String)

        var description: String {
            switch self {
            case .tmux(let message): "tmux failed: \(message)"
            case .timedOut(let text, let screen): "timed out waiting for \(text.debugDescription); screen:\n\(screen)"
            }
        }
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    let socket = "csbs-test-\(UUID().uuidString.prefix(8))"
    let home: String

    /// Starts `csbs ARGUMENTS` in a 100×30 terminal with the given environment (nothing else is inherited).
    /// - Parameter standardOutput: A file to redirect the process's standard output to (`csbs > FILE`).
    init(home: String, environment: [String: String], arguments: [String] = [], standardOutput: String? = nil) throws {
        self.home = home
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["env", "-i"] + assignments + ["TERM=xterm-256color", CommandRunner.binary] + arguments
        let redirect = standardOutput.map { " >" + Self.shellQuoted($0) } ?? ""
        try tmux(["new-session", "-d", "-x", "100", "-y", "30", "-s", "main", "-c", home,
                  command.map(Self.shellQuoted).joined(separator: " ") + redirect])
    }

    /// Resizes the terminal window (the process gets SIGWINCH).
    func resize(columns: Int) throws { try tmux(["resize-window", "-t", "main", "-x", String(columns)]) }

    /// The process id and terminal device of the program in the pane.
    func process() throws -> (pid: Int32, tty: String) {
        let words = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid} #{pane_tty}"]).split(separator: " ")
        guard words.count == 2, let pid = Int32(words[0]) else { throw Failure.tmux("no pane process") }
        return (pid, words[1].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Types text literally (no key names interpreted).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`, `Up`.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// The visible screen.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

    /// Polls the screen until it contains `text` (tmux drops trailing spaces of each line, so `text` should not
    /// end a line with one) (up to `seconds` of real time: the process under test runs
    /// for real; the test asserts on what appears, never on how long it took). The bound is generous: with the whole
    /// suite running in parallel on 2 cores, a shell and the emulator it starts have waited over 20 s for the CPU.
    ///
    /// The screen is read once more after the deadline: a test task can wait long for a thread of its own when the
    /// whole suite runs in parallel, and the screen read before that wait is not what the terminal shows now (a
    /// shell that had drawn its prompt long since was reported as stuck before it).
    ///
    /// With `joiningLines` the screen's lines are compared joined, each without its trailing blanks: for a text that
    /// may wrap, such as a message holding a temporary path (its length depends on `TMPDIR`).
    @discardableResult
    func waitFor(_ text: String, joiningLines: Bool = false, seconds: Double = 60) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while true {
            let lastLook = Date() >= deadline
            do {
                last = try screen()
            } catch {
                last = "(\(error))"
            }
            let shown = joiningLines
                ? last.split(separator: "\n").map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }.joined()
                : last
            if shown.contains(text) { return last }
            if lastLook { break }
            // Polls in real time (the process under test runs for real), without holding a concurrency thread.
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure.timedOut(waitingFor: text, screen: last)
    }

    /// Presses Tab until `text` shows: the backend's names are offered once its first listing has arrived, and a key
    /// press waits for that listing only briefly (up to `seconds` of real time in all).
    @discardableResult
    func completeUntil(_ text: String, seconds: Double = 60) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            try press("Tab")
            do {
                return try await waitFor(text, seconds: 1)
            } catch Failure.timedOut(let waitingFor, let screen) {
                if Date() >= deadline { throw Failure.timedOut(waitingFor: waitingFor, screen: screen) }
            }
        }
    }

    /// Whether the csbs process has exited (the pane is gone, or tmux reports it dead).
    func hasExited() -> Bool {
        guard let output = try? tmux(["list-panes", "-t", "main", "-F", "#{pane_dead}"]) else { return true }
        return output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Waits until the process has exited.
    func waitForExit(seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let lastLook = Date() >= deadline
            if hasExited() { return }
            if lastLook { break }
            // Polls in real time (the process under test runs for real), without holding a concurrency thread.
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure.timedOut(waitingFor: "exit", screen: (try? screen()) ?? "")
    }

    func close() { _ = try? tmux(["kill-server"]) }

    /// Runs one tmux command through `system(3)`, output redirected to files. (`Process` is avoided here: the
    /// tmux server that `new-session` starts inherits the child's descriptors, and waiting on `Process` with
    /// pipes never finishes.)
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputPath = directory.appendingPathComponent("out").path
        let errorPath = directory.appendingPathComponent("err").path
        let words = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let command = words.map(Self.shellQuoted).joined(separator: " ")
            + " </dev/null >" + Self.shellQuoted(outputPath) + " 2>" + Self.shellQuoted(errorPath)
        let status = system(command)
        guard status == 0 else {
            throw Failure.tmux((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "status \(status)")
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
