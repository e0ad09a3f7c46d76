import CSBSScript
import CSBSSyntax
import Synchronization

/// A ``ScriptOutput`` that keeps everything for assertions; diagnostics are rendered without colour.
public final class CollectingOutput: ScriptOutput, Sendable {
    private let state = Mutex(State())

    private struct State {
        var results: [ResultRecord] = []
        var progress: [String] = []
        var diagnostics: [String] = []
        var transcript: [String] = []
    }

    public init() {}

    public func result(_ record: ResultRecord) {
        state.withLock {
            $0.results.append(record)
            $0.transcript.append(record.summary)
        }
    }

    public func progress(_ line: String) {
        state.withLock { $0.progress.append(line) }
    }

    public func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
        let text = DiagnosticRenderer(colorMode: .off).render(diagnostic, in: file)
        state.withLock {
            $0.diagnostics.append(text)
            $0.transcript.append(text)
        }
    }

    public var results: [ResultRecord] { state.withLock { $0.results } }
    public var progressLines: [String] { state.withLock { $0.progress } }
    public var diagnostics: [String] { state.withLock { $0.diagnostics } }
    /// Results' summaries and rendered diagnostics, in order, as stdout+stderr would interleave them.
    public var transcript: String { state.withLock { $0.transcript.joined(separator: "\n") } }
}
