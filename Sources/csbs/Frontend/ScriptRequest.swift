import CSBSClient
import CSBSScript
import CSBSSyntax

/// A batch run as the command line asks for it, however the arguments were read (``DirectArguments`` or
/// ArgumentParser): where the script comes from, its arguments, and the output and connection settings.
struct ScriptRequest: Equatable {
    enum Script: Equatable {
        /// `-c TEXT` arguments, in order.
        case commands([String])
        /// A script file; `-` is stdin.
        case file(String)
        /// Stdin that is not a terminal (`… | csbs`).
        case standardInput
    }

    var script: Script
    /// `$1`, `$2`, … (`$args`) of a script file.
    var arguments: [String] = []
    var mode: TerminalOutput.Mode = .human
    var dryRun = false
    /// `--verbose`: the request trace on stderr.
    var verbose = false
    /// The connection flags as given, without the environment (``ConnectionOptions/merging(_:environment:)``).
    var connection = ConfigurationOverrides()
    /// `--report FORMAT FILE`.
    var report: ReportRequest?
    /// `--var NAME=VALUE`, in order.
    var variables: [ScriptParameters.Given] = []
    /// `--yes`: every `confirm` is answered yes.
    var assumeYes = false

    /// Reads the script, runs it, and returns the process exit status.
    func run(environment: [String: String]) async -> Int32 {
        let source: SourceFile
        do {
            switch script {
            case .commands(let texts): source = ScriptSource.commandLine(texts)
            case .file("-"), .standardInput: source = try ScriptSource.standardInput()
            case .file(let path): source = try ScriptSource.file(path)
            }
        } catch {
            error.report(renderer: TerminalOutput(environment: environment).renderer)
            return error.status.rawValue
        }
        var runner = BatchRunner(
            overrides: ConnectionOptions.merging(connection, environment: environment), environment: environment,
            mode: mode
        )
        runner.arguments = arguments
        runner.trace = ConnectionOptions.trace(verbose: verbose)
        runner.dryRun = dryRun
        runner.report = report
        runner.variables = variables
        runner.assumeYes = assumeYes
        return await runner.run([source])
    }
}
