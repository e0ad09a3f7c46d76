import ArgumentParser
import CSBSScript

extension ExitStatus {
    /// The status as ArgumentParser's exit code.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
