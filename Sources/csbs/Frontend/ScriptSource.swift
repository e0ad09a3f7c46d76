import ArgumentParser
import CSBSCommandLine
import CSBSPlatform
import CSBSSyntax
import CSBSScript
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading script text from files, `-c` arguments and stdin.
enum ScriptSource {
    struct ReadError: Error {
        let message: String
        let status: ExitStatus
        /// Located diagnostics (invalid UTF-8) to render instead of the message alone.
        var diagnostics: [Diagnostic] = []
        var file: SourceFile?

        /// Prints the error on stderr: the located diagnostics if any, else `csbs: message`.
        func report(renderer: DiagnosticRenderer) {
            if let file, !diagnostics.isEmpty {
                Console.err(renderer.render(diagnostics, in: file))
            } else {
                Console.err("csbs: " + TerminalText.escaped(message))
            }
        }
    }

    static func file(_ path: String) throws(ReadError) -> SourceFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            // `csbs chek` is read as a script named chek: say which command was probably meant.
            let commands = CSBSCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
            let hint = path.contains("/") ? nil : Suggestion.closest(to: path, in: commands)
            throw ReadError(
                message: "cannot read \(path): no such file" + (hint.map { "; did you mean 'csbs \($0)'?" } ?? ""),
                status: .noInput
            )
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw ReadError(message: "cannot read \(path): it is a directory", status: .noInput)
        }
        guard let data = FileScriptLoader.contents(ofFile: path) else {
            throw ReadError(message: "cannot read \(path): permission denied", status: .noInput)
        }
        return try decode(data, name: path)
    }

    static func standardInput() throws(ReadError) -> SourceFile {
        try decode(FileScriptLoader.contents(ofDescriptor: STDIN_FILENO) ?? [], name: "<stdin>")
    }

    /// All `-c` texts as one source, one per line, so line numbers count `-c` arguments.
    static func commandLine(_ texts: [String]) -> SourceFile {
        SourceFile(name: "<-c>", text: texts.joined(separator: "\n"))
    }

    /// UTF-8 text, or a ``ReadError`` that locates every invalid byte sequence (exit status 65).
    private static func decode(_ data: [UInt8], name: String) throws(ReadError) -> SourceFile {
        let (file, problems) = SourceFile.decoding(data, name: name)
        guard problems.isEmpty else {
            throw ReadError(
                message: "cannot read \(name): it is not UTF-8 text", status: .syntaxError, diagnostics: problems,
                file: file
            )
        }
        return file
    }
}
