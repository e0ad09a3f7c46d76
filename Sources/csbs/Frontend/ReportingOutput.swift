import CSBSScript
import CSBSSyntax
import Synchronization

/// The output of `csbs run --report`: passes everything on to the terminal's output and notes which top-level
/// statements of the script started and what failed in each (a failure in a block, a loop or a sourced file
/// belongs to the top-level statement running it), for ``TestReport``.
final class ReportingOutput: ScriptOutput, Sendable {
    let base: TerminalOutput
    let file: SourceFile
    let statements: [Stmt]
    /// The index of each top-level statement by its start.
    private let indexByStart: [Int: Int]
    private let state = Mutex(State())

    struct State {
        /// The top-level statement running.
        var current: Int?
        var started: Set<Int> = []
        /// The failures of each top-level statement: `id: message`, and the rendered diagnostic.
        var failures: [Int: [(message: String, detail: String)]] = [:]
    }

    init(base: TerminalOutput, file: SourceFile, statements: [Stmt]) {
        self.base = base
        self.file = file
        self.statements = statements
        indexByStart = Dictionary(statements.enumerated().map { ($1.range.lowerBound, $0) }) { first, _ in first }
    }

    func result(_ record: ResultRecord) { base.result(record) }
    func progress(_ line: String) { base.progress(line) }
    func status(_ line: String) { base.status(line) }
    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) { base.diagnostic(diagnostic, in: file) }

    func failure(_ failure: RuntimeFailure, in file: SourceFile) {
        base.failure(failure, in: file)
        note(failure, in: file)
    }

    func willRun(_ statement: Stmt, in file: SourceFile) {
        guard file.name == self.file.name, let index = indexByStart[statement.range.lowerBound],
            statements[index].range == statement.range
        else { return }
        state.withLock { state in
            state.current = index
            state.started.insert(index)
        }
    }

    private func note(_ failure: RuntimeFailure, in file: SourceFile) {
        let message = base.redacted("\(failure.diagnostic.id): \(failure.diagnostic.text)")
        let detail = base.redacted(DiagnosticRenderer().render(failure.diagnostic, in: file))
        state.withLock { state in
            guard let current = state.current else { return }
            state.failures[current, default: []].append((message, detail))
        }
    }

    /// The report of the run that ended with `outcome`: `exit N` other than 0 fails the statement that ran it.
    func report(outcome: Result<Void, RuntimeFailure>) -> TestReport {
        if case .failure(let failure) = outcome, case .exit(let code) = failure.category, code != 0 {
            state.withLock { state in
                guard let current = state.current else { return }
                state.failures[current, default: []].append(("exit \(code)", "the script ended with exit \(code)"))
            }
        }
        let names = TestReport.names(of: statements, in: file)
        let (started, failures) = state.withLock { ($0.started, $0.failures) }
        let cases = names.enumerated().map { index, name in
            let outcome: TestReport.Case.Outcome =
                if let found = failures[index], let first = found.first {
                    .failed(message: first.message, details: found.map(\.detail))
                } else if started.contains(index) {
                    .passed
                } else {
                    .skipped("not run: the script ended before it")
                }
            return TestReport.Case(name: name.name, file: file.name, line: name.line, outcome: outcome)
        }
        return TestReport(suite: "csbs run", cases: cases)
    }
}

extension TestReport {
    /// The case of one checked file: failed with every error (warnings do not fail it), each rendered.
    static func checkCase(file name: String, errors: [(diagnostic: Diagnostic, file: SourceFile)], redact: (String) -> String)
        -> Case
    {
        guard let first = errors.first else { return Case(name: name, file: name, line: 1, outcome: .passed) }
        let renderer = DiagnosticRenderer()
        let message = "\(errors.count) error\(errors.count == 1 ? "" : "s"); first \(first.diagnostic.id): \(first.diagnostic.text)"
        return Case(
            name: name, file: name, line: 1,
            outcome: .failed(
                message: redact(message), details: errors.map { redact(renderer.render($0.diagnostic, in: $0.file)) }
            )
        )
    }
}
