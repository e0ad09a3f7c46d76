import CSBSCommandLine
import CSBSScript
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `csbs check FILE…` as the command line asks for it, however the arguments were read (``DirectArguments`` or
/// ArgumentParser): the files, `--warnings-as-errors` and `--report`.
struct CheckRequest: Equatable {
    /// The long names of the options, for both readers (``CSBSCommand/Check`` declares them with these).
    enum Option {
        static let warningsAsErrors = "warnings-as-errors"
        static let report = "report"
    }

    /// The scripts to check, in order.
    var files: [String]
    /// `--warnings-as-errors`: exit 65 when there is a warning, as for an error.
    var warningsAsErrors = false
    /// `--report FORMAT FILE`.
    var report: ReportRequest?

    /// Checks every file (parses it and resolves its names, following `source`), prints every diagnostic and a
    /// summary on stderr, and ends the process with the exit status; sends nothing.
    ///
    /// ``Main`` calls this synchronously on the process's main thread when ``DirectArguments`` reads the line: on
    /// a worker thread (everything under an asynchronous entry point, and on Linux the main queue is served by a
    /// worker thread too) glibc grows the thread's malloc arena a page at a time, one `mprotect` each — about
    /// 6,900 calls in a 100,000-line check (BENCHMARKS.md, "`csbs check` speed"); the main thread's arena grows
    /// in large steps.
    func run(environment: [String: String]) -> Never {
        let output = TerminalOutput(environment: environment)
        var status = ExitStatus.success
        var errorCount = 0
        var warningCount = 0
        // Every file's tree stays alive to the end: the process exits without freeing them (see below).
        var keptUntilExit: [CheckResult] = []
        // One case per file for `--report`.
        var cases: [TestReport.Case] = []
        for path in files {
            let source: SourceFile
            do {
                source = try path == "-" ? ScriptSource.standardInput() : ScriptSource.file(path)
            } catch {
                let message = output.redacted(error.message)
                cases.append(.init(name: path, file: path, line: 1, outcome: .failed(message: message, details: [message])))
                error.report(renderer: output.renderer)
                errorCount += error.diagnostics.count
                if status == .success || error.status == .syntaxError { status = error.status }
                continue
            }
            HeapReservation.reserve(forScriptBytes: source.text.utf8.count)
            var options = CheckOptions.standard()
            options.lint = true
            options.parseThreads = ParseThreads(
                count: ProcessInfo.processInfo.activeProcessorCount, prepare: { HeapReservation.reserve(forScriptBytes: $0) }
            )
            let checked = Checker.check(source, options: options)
            keptUntilExit.append(checked)
            for finding in checked.diagnostics { output.diagnostic(finding.diagnostic, in: finding.file) }
            errorCount += checked.errorCount
            let warnings = checked.diagnostics.count { $0.diagnostic.severity == .warning }
            warningCount += warnings
            if checked.program == nil || (warningsAsErrors && warnings > 0) { status = .syntaxError }
            if report != nil {
                let errors = checked.diagnostics.filter { $0.diagnostic.severity == .error }.map { ($0.diagnostic, $0.file) }
                cases.append(TestReport.checkCase(file: path, errors: errors, redact: output.redacted))
            }
        }
        if let report, let failure = report.write(TestReport(suite: "csbs check", cases: cases)) {
            output.error(failure, id: "runtime.reportNotWritten", exitStatus: .noInput)
            if status == .success { status = .noInput }
        }
        let warned = warningCount == 0 ? "" : ", \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        if status == .success {
            Console.err("csbs: \(files.count) file\(files.count == 1 ? "" : "s") checked, no errors" + warned)
        } else if errorCount > 0 {
            Console.err("csbs: \(errorCount) error\(errorCount == 1 ? "" : "s") found" + warned)
        } else if warningCount > 0 {
            Console.err("csbs: \(warningCount) warning\(warningCount == 1 ? "" : "s") found (--warnings-as-errors)")
        }
        // Like a compiler driver, end the process here rather than return: tearing down the syntax trees
        // of a large script one node at a time costs a tenth of the whole check, and the OS frees them at
        // once. Everything is written already (output goes straight to unbuffered file handles).
        withExtendedLifetime(keptUntilExit) { exit(status.rawValue) }
    }
}
