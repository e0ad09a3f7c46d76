import CSBSClient
import CSBSScript
import CSBSSyntax
import Foundation

/// Runs scripts non-interactively: parse and resolve everything first (an error anywhere sends nothing), then
/// connect and evaluate in order, and turn the outcome into a process exit status.
struct BatchRunner {
    let overrides: ConfigurationOverrides
    let environment: [String: String]
    var mode: TerminalOutput.Mode = .human
    /// `$1`, `$2`, … for the script.
    var arguments: [String] = []
    /// The request trace of `--verbose`.
    var trace: TraceHandler?
    /// `--dry-run`: evaluate against a recording transport, print each request, send nothing, read no credentials.
    var dryRun = false

    /// - Returns: The process exit status: an ``ExitStatus`` value, or N after `exit N`.
    func run(_ sources: [SourceFile]) async -> Int32 {
        let output = TerminalOutput(
            environment: environment, mode: mode, secrets: Backend.secrets(overrides: overrides, environment: environment)
        )
        let checked = Checker.check(sources, options: .standard())
        for finding in checked.diagnostics { output.diagnostic(finding.diagnostic, in: finding.file) }
        guard let program = checked.program else { return ExitStatus.syntaxError.rawValue }
        guard !program.isEmpty else { return ExitStatus.success.rawValue }
        if dryRun { return await runDry(program, output: output, scriptName: sources.first?.name ?? "") }

        let backend: Backend
        do {
            backend = try await Backend.connect(
                overrides: overrides, environment: environment, announce: !mode.isQuiet, trace: trace
            )
        } catch let error as ClientError where error.kind == .configuration {
            output.error(error.message, id: "runtime.configurationError", exitStatus: .configuration)
            return ExitStatus.configuration.rawValue
        } catch {
            output.error("cannot start the built-in emulator: \(error)", id: "runtime.internalError", exitStatus: .commandFailed)
            return ExitStatus.commandFailed.rawValue
        }
        let connections = ScriptConnections(base: overrides, environment: environment, trace: trace, primary: backend)
        var interpreter = Interpreter(
            client: backend.client, output: output, environment: environment, arguments: arguments,
            scriptName: sources.first?.name ?? "", connector: connections.connector
        )
        let status = ExitStatus.code(for: await interpreter.run(program))
        await connections.shutdown()
        await backend.shutdown()
        return status
    }
}
