import CSBSClient
import CSBSScript
import CSBSSyntax
import Foundation

/// Runs scripts non-interactively: parse everything first (a syntax error anywhere sends nothing), then connect
/// and evaluate in order, and turn the outcome into an ``ExitStatus``.
struct BatchRunner {
    let overrides: ConfigurationOverrides
    let environment: [String: String]

    func run(_ sources: [SourceFile]) async -> ExitStatus {
        let output = TerminalOutput(environment: environment)
        var scripts: [(Script, SourceFile)] = []
        var syntaxErrors = false
        for source in sources {
            let parsed = Parser.parse(source)
            for diagnostic in parsed.diagnostics {
                output.diagnostic(diagnostic, in: source)
            }
            syntaxErrors = syntaxErrors || parsed.hasErrors
            scripts.append((parsed.script, source))
        }
        if syntaxErrors { return .syntaxError }
        guard scripts.contains(where: { !$0.0.statements.isEmpty }) else { return .success }

        let backend: Backend
        do {
            backend = try await Backend.connect(overrides: overrides, environment: environment)
        } catch let error as CSBSError where error.kind == .configuration {
            Console.err("csbs: \(error.message)")
            return .configuration
        } catch {
            Console.err("csbs: cannot start the built-in emulator: \(error)")
            return .commandFailed
        }
        var interpreter = Interpreter(client: backend.client, output: output)
        var status = ExitStatus.success
        for (script, source) in scripts {
            if case .failure(let failure) = await interpreter.run(script, in: source) {
                status = Self.status(for: failure)
                break
            }
        }
        await backend.shutdown()
        return status
    }

    static func status(for failure: RuntimeFailure) -> ExitStatus {
        switch failure.category {
        case .command: .commandFailed
        case .waitTimeout: .waitTimeout
        case .interrupted: .interrupted
        }
    }
}
