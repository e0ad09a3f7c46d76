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
        let output = TerminalOutput(environment: environment, mode: mode)
        var scripts: [(Script, SourceFile)] = []
        var errors = false
        for source in sources {
            let parsed = Parser.parse(source)
            for diagnostic in parsed.diagnostics {
                output.diagnostic(diagnostic, in: source)
            }
            errors = errors || parsed.hasErrors
            if !parsed.hasErrors {
                var resolver = Resolver(loader: FileScriptLoader.load, knownRegions: RegionTable.knownRegions)
                for finding in resolver.resolve(parsed.script, in: source) {
                    output.diagnostic(finding.diagnostic, in: finding.file)
                    errors = errors || finding.diagnostic.severity == .error
                }
            }
            scripts.append((parsed.script, source))
        }
        if errors { return ExitStatus.syntaxError.rawValue }
        guard scripts.contains(where: { !$0.0.statements.isEmpty }) else { return ExitStatus.success.rawValue }
        if dryRun { return await runDry(scripts, output: output, scriptName: sources.first?.name ?? "") }

        let backend: Backend
        do {
            backend = try await Backend.connect(
                overrides: overrides, environment: environment, announce: mode != .quiet, trace: trace
            )
        } catch let error as CSBSError where error.kind == .configuration {
            Console.err("csbs: \(error.message)")
            return ExitStatus.configuration.rawValue
        } catch {
            Console.err("csbs: cannot start the built-in emulator: \(error)")
            return ExitStatus.commandFailed.rawValue
        }
        let connections = ScriptConnections(base: overrides, environment: environment, trace: trace, primary: backend)
        var interpreter = Interpreter(
            client: backend.client, output: output, environment: environment, arguments: arguments,
            scriptName: sources.first?.name ?? "", connector: connections.connector
        )
        var status = ExitStatus.success.rawValue
        for (script, source) in scripts {
            if case .failure(let failure) = await interpreter.run(script, in: source) {
                status = Self.status(for: failure)
                break
            }
        }
        await connections.shutdown()
        await backend.shutdown()
        return status
    }

    static func status(for failure: RuntimeFailure) -> Int32 {
        switch failure.category {
        case .command: ExitStatus.commandFailed.rawValue
        case .waitTimeout: ExitStatus.waitTimeout.rawValue
        case .interrupted: ExitStatus.interrupted.rawValue
        case .assertion: ExitStatus.assertionFailed.rawValue
        case .syntax: ExitStatus.syntaxError.rawValue
        case .exit(let code): code
        }
    }
}
