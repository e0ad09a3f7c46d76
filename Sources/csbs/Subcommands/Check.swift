import ArgumentParser
import CSBSClient
import CSBSCommandLine
import CSBSScript
import CSBSSyntax
import Foundation

extension CSBSCommand {
    /// `csbs check FILE...`: parses scripts and resolves their names (following `source`), reporting every
    /// error in every file; sends nothing.
    ///
    /// It runs on a worker thread, like everything under the asynchronous entry point (on Linux the main queue is
    /// served by a worker thread too), and glibc grows a worker thread's malloc arena a page at a time, one
    /// `mprotect` each: about 6,900 calls and 8 % of the CPU of a 100,000-line check (BENCHMARKS.md, "`csbs check`
    /// speed"), which only the main thread's arena or fewer, larger allocations of the syntax tree would avoid.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check scripts for syntax and name errors without running them (exit 65 on any error).",
            discussion: """
                Also warns (lint.* ids) about what runs but is probably a mistake: a variable never read, a $ in a \
                string that is text, not a value, an ID that is not a UUID, too many tags, and 'delete vault … force' \
                without a 'confirm' before it. Warnings do not change the exit status unless --warnings-as-errors is given.
                """
        )

        @Flag(name: .customLong("warnings-as-errors"), help: "Exit 65 when there is a warning, as for an error.")
        var warningsAsErrors = false

        @Option(help: ReportRequest.help)
        var report: ReportRequest?

        @Argument(help: ArgumentHelp("Script files to check.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one script FILE to check") }
        }

        func run() throws {
            let output = TerminalOutput(environment: ProcessInfo.processInfo.environment)
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
                    source = try ScriptSource.file(path)
                } catch {
                    let message = output.redacted(error.message)
                    cases.append(.init(name: path, file: path, line: 1, outcome: .failed(message: message, details: [message])))
                    error.report(renderer: output.renderer)
                    errorCount += error.diagnostics.count
                    if status == .success || error.status == .syntaxError { status = error.status }
                    continue
                }
                var options = CheckOptions.standard()
                options.lint = true
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
            withExtendedLifetime(keptUntilExit) { Foundation.exit(status.rawValue) }
        }
    }
}
