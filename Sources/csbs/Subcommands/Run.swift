import ArgumentParser
import CSBSSyntax
import Foundation

extension CSBSCommand {
    /// `csbs run FILE`: runs a script file.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a script file.")

        @Argument(help: ArgumentHelp("The script to run; - reads stdin.", valueName: "FILE"))
        var file: String

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let source = try readSource()
            let runner = BatchRunner(overrides: connection.overrides(environment: environment), environment: environment)
            let status = await runner.run([source])
            if status != .success { throw status.exitCode }
        }

        private func readSource() throws -> CSBSSyntax.SourceFile {
            do {
                return try file == "-" ? ScriptSource.standardInput() : ScriptSource.file(file)
            } catch {
                Console.err("csbs: \(error.message)")
                throw error.status.exitCode
            }
        }
    }
}
