import ArgumentParser
import Foundation

extension CSBSCommand {
    /// `csbs lsp`: the language server on stdin and stdout (``LanguageServer``).
    struct LanguageServerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lsp",
            abstract: "Serve the Language Server Protocol on stdin/stdout: diagnostics as you type, formatting."
        )

        func run() throws {
            var connection = LanguageServerConnection(input: .standardInput, output: .standardOutput)
            let status = connection.serve()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
