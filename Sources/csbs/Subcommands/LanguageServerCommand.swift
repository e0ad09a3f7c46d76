import ArgumentParser
import CSBSCommandLine
import CSBSLanguageServer
import CSBSPlatform
import CSBSScript
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while server.exitStatus == nil {
                let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { throw ExitCode(1) }  // the editor went away without `exit`
                reader.append(chunk[..<count])
                while let body = try Self.next(&reader) {
                    guard let message = try? JSONValue(parsing: body), message.members != nil else {
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
                Console.raw("csbs lsp: \(error); stopping\n", to: .standardError)
                throw ExitCode(1)
            }
        }

        private func write(_ message: JSONValue) {
            FileDescriptors.writeAll(framed(Data(message.text.utf8)), to: STDOUT_FILENO)
        }

        /// The lowercase words of the statements' synopses (`wait`, `timeout`, `parallel`, …).
        static func keywords(_ synopses: [String]) -> [String] {
            let words = synopses.flatMap { $0.split { !$0.isLetter && $0 != "-" } }.map(String.init)
            return words.filter { word in word.count > 1 && word == word.lowercased() && !word.hasPrefix("-") }
        }
    }
}
