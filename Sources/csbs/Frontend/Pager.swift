import CSBSPlatform
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long results in the shell go through a pager, as psql does: a result (its line and table) taller than the window
/// is handed to `CSBS_PAGER`, else `PAGER`, else `less -FX` (or `more`) on standard input. An empty value turns
/// paging off; so does the shell's `pager off`. Only the interactive shell pages, and only when standard output is
/// the terminal; batch runs, pipes and files get the text as it is.
struct Pager: Sendable {
    /// The pager's command line, run by `/bin/sh`.
    let command: String

    /// The configured pager, or `nil` when paging is off or no pager is installed.
    static func configured(environment: [String: String], fileExists: (String) -> Bool = FileManager.default.fileExists)
        -> Pager?
    {
        for name in ["CSBS_PAGER", "PAGER"] {
            guard let value = environment[name] else { continue }
            let trimmed = value.trimmed(.whitespace)
            return trimmed.isEmpty ? nil : Pager(command: trimmed)
        }
        if fileExists("/usr/bin/less") || fileExists("/bin/less") { return Pager(command: "less -FX") }
        if fileExists("/usr/bin/more") || fileExists("/bin/more") { return Pager(command: "more") }
        return nil
    }

    /// The rows of the terminal on standard output, or `nil` when it is not a terminal.
    static func terminalRows() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// Whether `text` needs a pager in a window of `rows` rows (it would scroll past the top, the prompt included).
    static func needsPaging(_ text: String, rows: Int) -> Bool {
        var lines = 1
        for character in text.utf8 where character == UInt8(ascii: "\n") {
            lines += 1
            if lines >= rows { return true }
        }
        return false
    }

    /// Shows `text` in the pager when it is taller than the window on standard output (a terminal).
    /// - Returns: Whether it was shown; `false` means the caller prints it.
    func showIfTall(_ text: String) -> Bool {
        guard let rows = Self.terminalRows(), Self.needsPaging(text, rows: rows) else { return false }
        return show(text)
    }

    /// Shows `text` in the pager and waits until the user leaves it.
    /// - Returns: `false` when the pager could not be started, including a command the shell cannot find or run
    ///   (status 127 or 126: a mistyped `PAGER`), so the caller prints the text itself and nothing is lost.
    func show(_ text: String) -> Bool {
        guard let input = try? ChildProcess.pipe() else { return false }
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn("/bin/sh", arguments: ["-c", command], streams: .init(input: input.read))
        } catch {
            close(input.read)
            close(input.write)
            return false
        }
        close(input.read)
        // The pager may be left before it read everything: the write then fails (EPIPE; the shell ignores SIGPIPE),
        // which is not an error.
        FileDescriptors.writeAll((text.hasSuffix("\n") ? text : text + "\n").utf8, to: input.write)
        close(input.write)
        let status = ChildProcess.wait(pid)
        return status != 127 && status != 126
    }
}
