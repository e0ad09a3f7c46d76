import CSBSClient
import CSBSScript
import CSBSSyntax
import Synchronization

/// The ``ScriptOutput`` of a library dry run: it keeps the results, diagnostics and the interleaved transcript,
/// and ends the run (by cancelling the task that reports a result) once the results pass their limit.
final class DryRunRecorder: ScriptOutput, Sendable {
    private struct State {
        var results: [ResultRecord] = []
        var diagnostics: [FileDiagnostic] = []
        var transcript: [String] = []
        /// Why the run was stopped, once a limit was passed.
        var stopReason: String?
        /// Where the last `runtime.interrupted` diagnostic is, in ``diagnostics`` and ``transcript``.
        var interruption: (diagnostic: Int, transcript: Int)?
    }

    private let state = Mutex(State())
    private let maximumResults: Int

    init(maximumResults: Int) {
        self.maximumResults = maximumResults
    }

    var results: [ResultRecord] { state.withLock { $0.results } }
    var diagnostics: [FileDiagnostic] { state.withLock { $0.diagnostics } }
    var transcript: [String] { state.withLock { $0.transcript } }
    var stopReason: String? { state.withLock { $0.stopReason } }

    /// Records why the run is being stopped (the first reason wins), and turns an interruption already reported
    /// into the `dryRun.budgetExceeded` diagnostic.
    func stop(because reason: String) {
        state.withLock { state in
            guard state.stopReason == nil else { return }
            state.stopReason = reason
            guard let (diagnosticIndex, transcriptIndex) = state.interruption else { return }
            let found = state.diagnostics[diagnosticIndex]
            let shown = Diagnostic(DryRunMessages.budgetExceeded(reason), range: found.diagnostic.range)
            state.diagnostics[diagnosticIndex] = FileDiagnostic(file: found.file, diagnostic: shown)
            state.transcript[transcriptIndex] = DiagnosticRenderer(colorMode: .off).render(shown, in: found.file)
        }
    }

    /// Adds a request to the transcript, in order with the results.
    func request(_ request: DryRunRequest) {
        state.withLock { $0.transcript.append(request.text) }
    }

    func result(_ record: ResultRecord) {
        let over = state.withLock { state -> Bool in
            guard state.results.count < maximumResults else {
                if state.stopReason == nil { state.stopReason = "it printed \(maximumResults) results" }
                return true
            }
            state.results.append(record)
            state.transcript.append(record.summary)
            return false
        }
        // Results are reported from the interpreter's own task: cancelling it ends the run at the next statement.
        if over { withUnsafeCurrentTask { $0?.cancel() } }
    }

    func progress(_ line: String) {}

    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
        state.withLock { state in
            var shown = diagnostic
            if diagnostic.id.name.hasPrefix("interrupted") {
                if let reason = state.stopReason {
                    shown = Diagnostic(DryRunMessages.budgetExceeded(reason), range: diagnostic.range)
                } else {
                    state.interruption = (state.diagnostics.count, state.transcript.count)
                }
            }
            state.diagnostics.append(FileDiagnostic(file: file, diagnostic: shown))
            state.transcript.append(DiagnosticRenderer(colorMode: .off).render(shown, in: file))
        }
    }
}

/// The diagnostics of dry runs.
enum DryRunMessages {
    /// `dryRun.budgetExceeded`: a limit of ``DryRun/Limits`` stopped the run.
    static func budgetExceeded(_ reason: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "dryRun", name: "budgetExceeded"),
            message: "the dry run stopped because \(reason); the script may loop over more than a dry run follows"
        )
    }
}
