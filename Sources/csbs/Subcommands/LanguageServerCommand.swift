import ArgumentParser
import CSBSLanguageServer
import CSBSScript
import CSBSSyntax
import Foundation

extension CSBSCommand {
    /// `csbs lsp`: the Language Server Protocol over standard input and output, for editors (see
    /// `CSBSLanguageServer`); the vocabulary and help are the shell's.
    struct LanguageServerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lsp",
            abstract: "Run the language server (LSP over stdin/stdout) for editors: diagnostics, hover, completion."
        )

        func run() throws {
            let reference = LanguageHelp.reference
            let synopses = reference.sections.flatMap(\.synopses)
            var server = LanguageServer(
                configuration: LanguageServerConfiguration(
                    checkOptions: {
                        var options = CheckOptions.standard()
                        options.lint = true  // the warnings of csbs check, published with severity Warning
                        return options
                    },
                    keywords: Array(Set(reference.statementNames + ["let", "set"] + Self.keywords(synopses))).sorted(),
                    help: { word in
                        guard !reference.sections(for: word).isEmpty else { return nil }
                        return ShellVocabulary.help(topic: word)
                    }
                )
            )
            var reader = MessageReader()
            let input = FileHandle.standardInput
            while server.exitStatus == nil {
                let chunk = input.availableData
                if chunk.isEmpty { throw ExitCode(1) }  // the editor went away without `exit`
                reader.append(chunk)
                while let body = try Self.next(&reader) {
                    guard let message = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                        write(LanguageServerMessages.parseError)
                        continue
                    }
                    for reply in server.handle(message) { write(reply) }
                    if server.exitStatus != nil { break }
                }
            }
            throw ExitCode(server.exitStatus ?? 0)
        }

        /// The next message; a stream that can no longer be framed ends the server (status 1, said on stderr).
        private static func next(_ reader: inout MessageReader) throws -> [UInt8]? {
            do {
                return try reader.next()
            } catch {
                FileHandle.standardError.write(Data("csbs lsp: \(error); stopping\n".utf8))
                throw ExitCode(1)
            }
        }

        private func write(_ message: [String: Any]) {
            guard let data = try? JSONSerialization.data(withJSONObject: message) else { return }
            FileHandle.standardOutput.write(framed(data))
        }

        /// The lowercase words of the statements' synopses (`wait`, `timeout`, `parallel`, …).
        static func keywords(_ synopses: [String]) -> [String] {
            let words = synopses.flatMap { $0.split { !$0.isLetter && $0 != "-" } }.map(String.init)
            return words.filter { word in word.count > 1 && word == word.lowercased() && !word.hasPrefix("-") }
        }
    }
}
