import ArgumentParser
import CSBSClient
import CSBSCommandLine
import CSBSLocalFiles
import CSBSScript
import CSBSSyntax
import FoundationEssentials

extension CSBSCommand {
    /// `csbs fmt [--check] [FILE...]`: rewrites scripts in the canonical layout of ``ScriptFormatter`` (in place, or stdin
    /// to stdout); with `--check` changes nothing and lists the files whose layout would change.
    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fmt",
            abstract: "Rewrite scripts in the canonical layout, in place (stdin to stdout without FILE or with -).",
            discussion: """
                A file with syntax errors is left as it is (its diagnostics on stderr, exit 65). With --check nothing \
                is written: the files whose layout would change are listed on stdout and the exit status is 1 if \
                there are any. Exit status: 0 done, 1 --check found files to reformat, 65 syntax errors, 66 a FILE \
                cannot be read or replaced (a symbolic link is not replaced: give the file it names), 70 the \
                formatter could not keep the script's meaning (a bug; the file is left as it is).
                """
        )

        @Flag(help: "Write nothing; list the files whose layout would change and exit 1 if there are any.")
        var check = false

        @Argument(help: ArgumentHelp("Script files; none, or -, reads stdin and writes stdout.", valueName: "FILE"))
        var files: [String] = []

        func run() throws {
            let output = TerminalOutput(environment: ProcessInfo.processInfo.environment)
            var statuses: Set<ExitStatus> = []
            var changed: [String] = []
            for path in files.isEmpty ? ["-"] : files {
                let source: SourceFile
                do {
                    source = try path == "-" ? ScriptSource.standardInput() : ScriptSource.file(path)
                } catch {
                    error.report(renderer: output.renderer)
                    statuses.insert(error.status)
                    continue
                }
                switch ScriptFormatter.format(source) {
                case .syntaxErrors(let diagnostics):
                    for diagnostic in diagnostics { output.diagnostic(diagnostic, in: source) }
                    statuses.insert(.syntaxError)
                case .refused:
                    Console.err("csbs: \(TerminalText.escaped(source.name)): not formatted: the new layout would change the script's meaning (a bug in csbs fmt)")
                    statuses.insert(.commandFailed)
                case .formatted(let text):
                    if path == "-", !check {
                        Console.raw(text, to: .standardOutput)
                    } else if text != source.text {
                        changed.append(source.name)
                        if check {
                            Console.out(TerminalText.escaped(source.name))
                        } else if let failure = Self.replace(path, with: text) {
                            Console.err("csbs: " + TerminalText.escaped(failure))
                            statuses.insert(.noInput)
                        }
                    }
                }
            }
            if check, !changed.isEmpty {
                Console.err("csbs: \(changed.count) file\(changed.count == 1 ? "" : "s") would be reformatted")
            }
            let status: Int32 =
                if let worst = [ExitStatus.syntaxError, .noInput, .commandFailed].first(where: statuses.contains) {
                    worst.rawValue
                } else if check, !changed.isEmpty {
                    1
                } else {
                    0
                }
            if status != 0 { throw ExitCode(status) }
        }

        /// Writes `text` over the file at `path` (a temporary file beside it, renamed over it, with its mode);
        /// the reason on failure.
        static func replace(_ path: String, with text: String) -> String? {
            do {
                try LocalFiles.replaceContents(of: path, with: Data(text.utf8))
                return nil
            } catch {
                return "\(error)"
            }
        }
    }
}
