import ArgumentParser
import CSBSSyntax
import Foundation

extension CSBSCommand {
    /// `csbs run FILE [ARGS…]`: runs a script file with arguments `$1`… (`$args`).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a script file; ARGS become $1, $2, … and $args.", discussion: ExitStatus.helpText
        )

        @OptionGroup var output: OutputOptions

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: ArgumentHelp("The script to run; - reads stdin.", valueName: "FILE"))
        var file: String

        @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script.", valueName: "ARGS"))
        var arguments: [String] = []

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let source = try readSource(environment: environment)
            var runner = BatchRunner(
                overrides: connection.overrides(environment: environment), environment: environment, mode: output.mode
            )
            runner.arguments = arguments
            runner.trace = connection.trace
            let status = await runner.run([source])
            if status != 0 { throw ExitCode(status) }
        }

        private func readSource(environment: [String: String]) throws -> CSBSSyntax.SourceFile {
            do {
                return try file == "-" ? ScriptSource.standardInput() : ScriptSource.file(file)
            } catch {
                error.report(renderer: TerminalOutput(environment: environment).renderer)
                throw error.status.exitCode
            }
        }
    }
}
