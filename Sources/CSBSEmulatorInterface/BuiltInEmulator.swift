/// How csbs runs the built-in emulator without linking it.
///
/// The emulator is the executable `csbs-emulator`, installed beside `csbs`: `csbs serve ARGS…` is
/// `csbs-emulator ARGS…` (the same process, by `exec`), and a run without cloud credentials starts it as a child,
/// `csbs-emulator --built-in --port 0 --db PATH …`, with a pipe on its stdin and another on its stdout. The child
/// writes ``readyLine(endpoint:)`` once it listens and serves until its stdin ends: when csbs closes the pipe, or
/// exits in any way, even killed. The client thus carries none of the emulator's stack (Hummingbird, GRDB, SQLite):
/// a quarter fewer conformance records for the Swift runtime to scan at start-up (BENCHMARKS.md, "Seed flow").
public enum BuiltInEmulator {
    /// The emulator's executable, in the directory of `csbs`.
    public static let executableName = "csbs-emulator"

    /// The (hidden) flag of `csbs-emulator` that serves one run of csbs instead of printing the exports banner.
    public static let builtInFlag = "--built-in"

    /// What `csbs serve` does, for both executables' help.
    public static let serveAbstract = "Run the built-in CBR + IAM emulator as an HTTP server."

    /// The arguments of the child serving one run.
    /// - Parameters:
    ///   - database: The state file (created 0600 by the child if missing).
    ///   - backupDuration: How long a backup stays `protecting`, as a `--backup-duration` value; `nil` for the
    ///     emulator's default.
    public static func arguments(database: String, backupDuration: String?) -> [String] {
        var arguments = [builtInFlag, "--port", "0", "--db", database]
        if let backupDuration { arguments += ["--backup-duration", backupDuration] }
        return arguments
    }

    /// A line ``arguments(database:backupDuration:)`` makes, read back: its database and backup duration; `nil` for
    /// any other line. The child reads its own line with this instead of ArgumentParser, whose reflection over the
    /// options was a fifth of the emulator's start-up CPU (BENCHMARKS.md, "Shell start-up"); every other line goes to
    /// ArgumentParser, so usage errors and help come from one place.
    public static func parse(arguments: [String]) -> (database: String, backupDuration: String?)? {
        guard arguments.count == 5 || arguments.count == 7,
            Array(arguments.prefix(4)) == [builtInFlag, "--port", "0", "--db"],
            !arguments[4].isEmpty, !arguments[4].hasPrefix("-")
        else { return nil }
        guard arguments.count == 7 else { return (arguments[4], nil) }
        guard arguments[5] == "--backup-duration", !arguments[6].isEmpty, !arguments[6].hasPrefix("-") else { return nil }
        return (arguments[4], arguments[6])
    }

    private static let readyPrefix = "csbs-emulator listening on "

    /// The line the child writes on its stdout once it listens.
    public static func readyLine(endpoint: String) -> String {
        readyPrefix + endpoint
    }

    /// The endpoint a ready line names, or `nil` for any other line.
    public static func endpoint(readyLine line: String) -> String? {
        guard line.hasPrefix(readyPrefix) else { return nil }
        let endpoint = String(line.dropFirst(readyPrefix.count))
        return endpoint.hasPrefix("http://") && !endpoint.contains(" ") ? endpoint : nil
    }
}
