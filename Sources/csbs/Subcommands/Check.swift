import ArgumentParser
import CSBSScript
import CSBSSyntax
import Foundation

extension CSBSCommand {
    /// `csbs check FILE...`: parses scripts and resolves their names (following `source`), reporting every
    /// error in every file; sends nothing.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scripts for syntax and name errors without running them (exit 65 on any error)."
        )

        @Argument(help: ArgumentHelp("Script files to check.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one script FILE to check") }
        }

        func run() async throws {
            let output = TerminalOutput(environment: ProcessInfo.processInfo.environment)
            var status = ExitStatus.success
            var errorCount = 0
            for path in files {
                let source: SourceFile
                do {
                    source = try ScriptSource.file(path)
                } catch {
                    error.report(renderer: output.renderer)
                    errorCount += error.diagnostics.count
                    if status == .success || error.status == .syntaxError { status = error.status }
                    continue
                }
                let parsed = Parser.parse(source)
                parsed.diagnostics.forEach { output.diagnostic($0, in: source) }
                errorCount += parsed.diagnostics.filter { $0.severity == .error }.count
                var findings: [FileDiagnostic] = []
                if !parsed.hasErrors {
                    var resolver = Resolver(loader: FileScriptLoader.load)
                    findings = resolver.resolve(parsed.script, in: source)
                    findings.forEach { output.diagnostic($0.diagnostic, in: $0.file) }
                    errorCount += findings.filter { $0.diagnostic.severity == .error }.count
                }
                if parsed.hasErrors || findings.contains(where: { $0.diagnostic.severity == .error }) {
                    status = .syntaxError
                }
            }
            if status == .success {
                Console.err("csbs: \(files.count) file\(files.count == 1 ? "" : "s") checked, no errors")
            } else if errorCount > 0 {
                Console.err("csbs: \(errorCount) error\(errorCount == 1 ? "" : "s") found")
            }
            if status != .success { throw status.exitCode }
        }
    }
}
