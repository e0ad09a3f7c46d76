import ArgumentParser

/// The exit statuses of `csbs serve`: those of csbs (`ExitStatus`, in CSBSScript) that it uses, with the same
/// values. A copy, because linking CSBSScript would bring the client and the language into this executable (about
/// 3,500 more conformance records for the runtime to scan at each start of the built-in emulator; BENCHMARKS.md,
/// "Shell start-up"); `theEmulatorExitsAsCsbsDocuments` keeps the two equal.
enum ServeExit: Int32, CaseIterable {
    /// Invalid content, such as an inventory file that is not the documented JSON.
    case syntaxError = 65
    /// An input file that cannot be read.
    case noInput = 66
    /// The emulator failed to start or stopped with an error.
    case commandFailed = 70
    /// A state file that cannot be made private.
    case configuration = 78

    var code: ExitCode { ExitCode(rawValue) }
}
