import CSBSScript
import CSBSSyntax
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints results on stdout and progress and diagnostics on stderr.
struct TerminalOutput: ScriptOutput {
    let renderer: DiagnosticRenderer

    init(environment: [String: String]) {
        let colour = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        renderer = DiagnosticRenderer(colorMode: colour ? .on : .off)
    }

    func result(_ record: ResultRecord) {
        Console.out(record.summary)
    }

    func progress(_ line: String) {
        Console.err(line)
    }

    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
        Console.err(renderer.render(diagnostic, in: file))
    }
}

/// Line output written straight to the file descriptors (no buffering), so lines stay in order across
/// stdout, stderr and other processes.
enum Console {
    static func out(_ line: String) {
        write(line, to: .standardOutput)
    }

    static func err(_ line: String) {
        write(line, to: .standardError)
    }

    private static func write(_ line: String, to handle: FileHandle) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
