import CSBSClient
import CSBSCommandLine
import CSBSDryRun
import CSBSScript
import CSBSSyntax

extension BatchRunner {
    /// The line that opens a dry run's output for people.
    static let dryRunHeader = "# dry run: nothing is sent; values in <…> stand for what only a real run would know"

    /// Evaluates checked scripts against a ``DryRunSession``: the same interpreter and client code as a real run,
    /// but every request is printed (before the result of its statement) instead of sent. No credentials are read,
    /// no emulator is started, `sleep` and waits cost no time. `region`, `profile` and `endpoint` switch to
    /// another dry-run client.
    /// - Parameter scriptOutput: Where the interpreter's output goes: `output`, or the output of `--report` around it.
    /// - Returns: The outcome, whose exit status is the one a real run would end with.
    func runDry(
        _ program: CheckedProgram, output: TerminalOutput, scriptOutput: any ScriptOutput, scriptName: String,
        parameters: [String: Value]
    ) async -> Result<Void, RuntimeFailure> {
        if mode == .human { Console.out(Self.dryRunHeader) }
        let session = DryRunSession(trace: trace, onRequest: { output.request($0) })
        var interpreter = Interpreter(
            client: session.client, output: scriptOutput, environment: environment, arguments: arguments,
            scriptName: scriptName, connector: session.connector
        )
        interpreter.isDryRun = true
        interpreter.parameters = parameters
        return await interpreter.run(program)
    }
}
