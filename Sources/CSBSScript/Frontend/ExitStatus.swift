/// The process exit statuses, sysexits-style, for every way of running a script (batch, dry run, library).
/// Documented in README.md and `csbs --help`; tests pin them. `exit N` in a script ends the process with N itself.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// An `assert` in the script found its condition false, or a `confirm` was not answered yes.
    case assertionFailed = 1
    /// Bad flags or arguments.
    case usage = 64
    /// The script does not parse, names something undefined, writes a literal the check refuses, or is not text;
    /// nothing was sent.
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

    /// The status a run that ended with `failure` exits with: the one mapping from failure to status.
    public static func code(for failure: RuntimeFailure) -> Int32 {
        switch failure.category {
        case .command: commandFailed.rawValue
        case .waitTimeout: waitTimeout.rawValue
        case .interrupted: interrupted.rawValue
        case .assertion: assertionFailed.rawValue
        case .syntax: syntaxError.rawValue
        case .usage: usage.rawValue
        case .configuration: configuration.rawValue
        case .exit(let code): code
        }
    }

    /// The status of a run's outcome.
    public static func code(for outcome: Result<Void, RuntimeFailure>) -> Int32 {
        switch outcome {
        case .success: success.rawValue
        case .failure(let failure): code(for: failure)
        }
    }

    /// The help text's list of statuses.
    public static let helpText = """
        Exit status: 0 success, 1 an assert failed or a confirm was not answered yes, 64 usage error (also: a confirm \
        with no terminal and no --yes), 65 script syntax, name or literal error or \
        not a text script (nothing was sent), 66 script file unreadable, 70 command or API failure, 75 wait timeout, 78 configuration error, \
        130 interrupted; `exit N` in a script exits with N.
        """
}
