import CSBSClient
import CSBSScript
import CSBSSyntax
import FoundationEssentials

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
    /// `--var NAME=VALUE`, in order: the values of the script's `param` declarations.
    var variables: [ScriptParameters.Given] = []
    /// `--yes`: every `confirm` is answered yes (see ``TerminalPrompter``).
    var assumeYes = false
    /// `--report FORMAT FILE`: a test report of the run, one case per top-level statement of the (first) script.
    var report: ReportRequest?

    /// - Returns: The process exit status: an ``ExitStatus`` value, or N after `exit N`.
    func run(_ sources: [SourceFile]) async -> Int32 {
        let output = TerminalOutput(
            environment: environment, mode: mode, secrets: Backend.secrets(overrides: overrides, environment: environment)
        )
        var options = CheckOptions.standard()
        options.parseThreads = ParseThreads(count: ProcessInfo.processInfo.activeProcessorCount)
        let checked = Checker.check(sources, options: options)
        for finding in checked.diagnostics { output.diagnostic(finding.diagnostic, in: finding.file) }
        guard let program = checked.program else {
            let errors = checked.diagnostics.filter { $0.diagnostic.severity == .error }.map { ($0.diagnostic, $0.file) }
            let cases = sources.map { source in
                TestReport.checkCase(
                    file: source.name, errors: sources.count == 1 ? errors : errors.filter { $0.1.name == source.name },
                    redact: output.redacted
                )
            }
            return finish(TestReport(suite: "csbs run", cases: cases), status: .syntaxError, output: output)
        }
        let parameters: [String: Value]
        switch ScriptParameters.bind(variables, to: program) {
        case .success(let values): parameters = values
        case .failure(let refusal):
            for problem in refusal.problems {
                if let (file, range) = problem.location {
                    let failure = RuntimeFailure(category: .usage, diagnostic: Diagnostic(problem.message, range: range))
                    output.failure(failure, in: file)
                } else {
                    output.error(problem.message.message, id: problem.message.id.description, exitStatus: .usage)
                }
            }
            return ExitStatus.usage.rawValue
        }
        let reporting = report.map { _ in
            ReportingOutput(base: output, file: sources[0], statements: program.files.first?.script.statements ?? [])
        }
        let scriptOutput: any ScriptOutput = reporting ?? output
        guard !program.isEmpty else { return finish(reporting?.report(outcome: .success(())), status: .success, output: output) }
        if dryRun {
            let outcome = await runDry(
                program, output: output, scriptOutput: scriptOutput, scriptName: sources.first?.name ?? "", parameters: parameters
            )
            return finish(reporting?.report(outcome: outcome), status: ExitStatus.code(for: outcome), output: output)
        }

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
            client: backend.client, output: scriptOutput, environment: environment, arguments: arguments,
            scriptName: sources.first?.name ?? "", connector: connections.connector
        )
        interpreter.parameters = parameters
        interpreter.confirmation = TerminalPrompter.confirmation(assumeYes: assumeYes) { output.redacted($0) }
        let outcome = await interpreter.run(program)
        await connections.shutdown()
        await backend.shutdown()
        return finish(reporting?.report(outcome: outcome), status: ExitStatus.code(for: outcome), output: output)
    }

    /// Writes the report if one was asked for (built only then), and returns `status`; 66 when the report cannot
    /// be written and the run itself succeeded.
    private func finish(_ built: @autoclosure () -> TestReport?, status: ExitStatus, output: TerminalOutput) -> Int32 {
        finish(built(), status: status.rawValue, output: output)
    }

    private func finish(_ built: @autoclosure () -> TestReport?, status: Int32, output: TerminalOutput) -> Int32 {
        guard let report, let built = built() else { return status }
        if let failure = report.write(built) {
            output.error(failure, id: "runtime.reportNotWritten", exitStatus: .noInput)
            return status == 0 ? ExitStatus.noInput.rawValue : status
        }
        return status
    }
}
