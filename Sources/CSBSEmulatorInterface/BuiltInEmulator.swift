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
