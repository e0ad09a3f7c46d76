import CSBSClient
import CSBSScript
import CSBSSyntax
import FoundationEssentials

/// Dry runs without the command-line frontend: parse, resolve and evaluate a script against a
/// ``DryRunTransport``, within limits, so that no input can make it hang (for fuzzing and tests).
public enum DryRun {
    /// The bounds of one dry run. Passing one stops the run with the diagnostic `dryRun.budgetExceeded`.
    public struct Limits: Sendable, Hashable {
        /// The most requests answered.
        public var maximumRequests: Int
        /// The most results (statements that print, `echo` included).
        public var maximumResults: Int
        /// The most real time the evaluation may take (statements without requests or results, such as a `set`
        /// in nested loops over long lists, are bounded by this).
        public var timeLimit: Duration

        public init(maximumRequests: Int = 2_000, maximumResults: Int = 10_000, timeLimit: Duration = .seconds(10)) {
            self.maximumRequests = maximumRequests
            self.maximumResults = maximumResults
            self.timeLimit = timeLimit
        }
    }

    /// What else a dry run may be given.
    public struct Options: Sendable {
        public var limits = Limits()
        /// What `$env.NAME` reads; empty unless given.
        public var environment: [String: String] = [:]
        /// `$1`, `$2`, … and `$args`.
        public var arguments: [String] = []
        /// The wall clock (`since` filters, `created_at` of placeholder objects).
        public var currentDate: @Sendable () -> Date = { Date() }
        /// Reads sourced scripts; files relative to the including script unless told.
        public var loader: Interpreter.SourceLoader = FileScriptLoader.load

        public init() {}
    }

    /// Dry-runs `text` with the default ``Options``.
    /// - Parameters:
    ///   - text: the script.
    ///   - fileName: the name diagnostics show; `source` paths are relative to it.
    /// - Returns: the requests, results, diagnostics and exit status; never throws, never hangs.
    public static func run(_ text: String, fileName: String) async -> DryRunOutcome {
        await run(text, fileName: fileName, options: Options())
    }

    /// Dry-runs `text`: parse and resolve first (any error evaluates nothing, exit status 65), then evaluate
    /// against a fresh ``DryRunSession`` within `options.limits`.
    public static func run(_ text: String, fileName: String, options: Options) async -> DryRunOutcome {
        let file = SourceFile(name: fileName, text: text)
        let recorder = DryRunRecorder(maximumResults: options.limits.maximumResults)
        let checked = Checker.check(file, options: .standard(loader: options.loader))
        for finding in checked.diagnostics { recorder.diagnostic(finding.diagnostic, in: finding.file) }
        let session = DryRunSession(
            maximumRequests: options.limits.maximumRequests, currentDate: options.currentDate,
            onRequest: { recorder.request($0) }
        )
        var status = ExitStatus.syntaxError.rawValue
        if let program = checked.program {
            var interpreter = Interpreter(
                client: session.client, output: recorder, environment: options.environment,
                arguments: options.arguments, scriptName: fileName, loader: options.loader, connector: session.connector
            )
            interpreter.isDryRun = true
            let result = await evaluate(
                program, with: interpreter, recorder: recorder, session: session, limit: options.limits.timeLimit
            )
            status = recorder.stopReason == nil ? ExitStatus.code(for: result) : ExitStatus.commandFailed.rawValue
        }
        return DryRunOutcome(
            exitStatus: status, requests: session.transport.requests, results: recorder.results,
            diagnostics: recorder.diagnostics, budgetExceeded: recorder.stopReason != nil, transcript: recorder.transcript
        )
    }

    /// Runs the interpreter in a child task that a timer, a spent request budget or too many results cancel.
    private static func evaluate(
        _ program: CheckedProgram, with interpreter: Interpreter, recorder: DryRunRecorder,
        session: DryRunSession, limit: Duration
    ) async -> Result<Void, RuntimeFailure> {
        await withTaskGroup(of: Result<Void, RuntimeFailure>?.self) { group in
            group.addTask {
                var interpreter = interpreter
                let result = await interpreter.run(program)
                if session.transport.budgetExhausted {
                    recorder.stop(because: "it sent \(session.transport.maximumRequests ?? 0) requests")
                }
                return result
            }
            group.addTask {
                // The only real wait of a dry run: the bound on its evaluation time.
                do { try await Task.sleep(for: limit) } catch { return nil }
                recorder.stop(because: "it ran for \(limit)")
                return nil
            }
            var outcome: Result<Void, RuntimeFailure> = .success(())
            while let next = await group.next() {
                group.cancelAll()
                if let result = next { outcome = result }
            }
            return outcome
        }
    }
}
