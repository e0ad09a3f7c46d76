import CSBSClient

/// The interactive shell as the command line asks for it (`csbs [CONNECTION OPTIONS]` with stdin a terminal),
/// however the arguments were read (``DirectArguments`` or ArgumentParser): the connection flags and `--verbose`.
struct ShellRequest: Equatable {
    /// The connection flags as given, without the environment (``ConnectionOptions/merging(_:environment:)``).
    var connection = ConfigurationOverrides()
    /// `--verbose`: the request trace on stderr.
    var verbose = false

    /// Runs the session and returns the process exit status.
    func run(environment: [String: String]) async -> Int32 {
        let shell = InteractiveShell(
            overrides: ConnectionOptions.merging(connection, environment: environment), environment: environment,
            trace: ConnectionOptions.trace(verbose: verbose)
        )
        return await shell.run()
    }
}
