import ArgumentParser

/// The process exit statuses, sysexits-style. Documented in README.md; tests pin them.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// Bad flags or arguments.
    case usage = 64
    /// The script does not parse; nothing was sent.
    case syntaxError = 65
    /// The script file cannot be read.
    case noInput = 66
    /// A command or API call failed.
    case commandFailed = 70
    /// A `wait` passed its timeout; the work keeps running in the cloud.
    case waitTimeout = 75
    /// Credentials or endpoints are configured wrongly.
    case configuration = 78
    /// Interrupted (Ctrl-C).
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }
}
