import CSBSClient
import CSBSDryRun
import CSBSScript
import CSBSSyntax
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints results on stdout and progress and diagnostics on stderr.
///
/// People get one line per result (a table for list results); `--json` gives one JSON object per result and per
/// error; `--quiet` prints only `echo` and diagnostics (with `--json`, `echo` as JSON objects). While waiting, a terminal on stderr shows one live status line
/// that each update rewrites; anything else gets plain progress lines on status changes.
final class TerminalOutput: ScriptOutput, Sendable {
    enum Mode: Sendable {
        case human
        case json
        case quiet
        /// `--quiet --json`: only `echo`, as JSON objects (and error objects).
        case quietJSON

        /// Whether results are JSON objects (and errors too: see ``ErrorPresenter``).
        var isJSON: Bool { self == .json || self == .quietJSON }
        /// Whether only `echo` is printed and no progress.
        var isQuiet: Bool { self == .quiet || self == .quietJSON }

        init(json: Bool, quiet: Bool) {
            self = quiet ? (json ? .quietJSON : .quiet) : (json ? .json : .human)
        }
    }

    let renderer: DiagnosticRenderer
    let mode: Mode
    /// Whether stderr is a terminal that can show a live status line.
    let liveStatus: Bool
    /// Whether a status line is on screen and must be cleared before the next line.
    private let statusShown = Mutex(false)

    init(environment: [String: String], mode: Mode = .human) {
        let terminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        renderer = DiagnosticRenderer(colorMode: terminal && environment["NO_COLOR"] == nil ? .on : .off)
        self.mode = mode
        liveStatus = terminal && mode == .human
    }

    func result(_ record: ResultRecord) {
        clearStatus()
        switch mode {
        case .json:
            Console.out(record.jsonLine)
        case .quiet:
            if record.kind == "echo" { Console.out(record.summary) }
        case .quietJSON:
            if record.kind == "echo" { Console.out(record.jsonLine) }
        case .human:
            if let rows = record.rows {
                Console.out(record.summary)
                if !rows.isEmpty { Console.out(Table.render(rows)) }
            } else {
                Console.out(record.summary)
            }
        }
    }

    /// A request a dry run would send: `METHOD PATH` and its body for people (also with `--quiet`: the requests
    /// are what a dry run is for), one `{"dry_run_request": …}` object with `--json`.
    func request(_ request: DryRunRequest) {
        clearStatus()
        Console.out(mode.isJSON ? request.jsonLine : request.text)
    }

    func progress(_ line: String) {
        guard !mode.isQuiet, !liveStatus else { return }
        Console.err(line)
    }

    func status(_ line: String) {
        guard liveStatus else { return }
        statusShown.withLock { shown in
            Console.raw("\r\u{1B}[K" + line, to: .standardError)
            shown = true
        }
    }

    /// On stderr, rendered; with `--json`, an error also as an object on stdout (see ``ErrorPresenter``) — here a
    /// diagnostic of the check, which ends the run with status 65.
    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
        clearStatus()
        Console.err(renderer.render(diagnostic, in: file))
        if mode.isJSON, diagnostic.severity == .error {
            Console.out(ErrorPresenter.record(diagnostic, in: file, exitStatus: ExitStatus.syntaxError.rawValue).jsonLine)
        }
    }

    /// A failure of the running script: rendered on stderr; with `--json`, also an error object on stdout.
    func failure(_ failure: RuntimeFailure, in file: SourceFile) {
        clearStatus()
        Console.err(renderer.render(failure.diagnostic, in: file))
        if mode.isJSON { Console.out(ErrorPresenter.record(failure, in: file).jsonLine) }
    }

    /// An error outside any script (settings that do not resolve): `csbs: message` on stderr; with `--json`, also
    /// an error object on stdout.
    func error(_ message: String, id: String, exitStatus: ExitStatus) {
        clearStatus()
        Console.err("csbs: \(message)")
        if mode.isJSON {
            Console.out(ErrorPresenter.record(id: id, code: id, message: message, exitStatus: exitStatus.rawValue).jsonLine)
        }
    }

    private func clearStatus() {
        statusShown.withLock { shown in
            if shown { Console.raw("\r\u{1B}[K", to: .standardError) }
            shown = false
        }
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

    /// Writes text as it is, without adding a line break.
    static func raw(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }

    private static func write(_ line: String, to handle: FileHandle) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// Plain-text tables for list results: one column per field of the first row, left-aligned.
enum Table {
    static func render(_ rows: [Record]) -> String {
        guard let first = rows.first else { return "" }
        let columns = first.fields.map(\.name)
        let cells = rows.map { row in columns.map { row[$0].map(cell) ?? "" } }
        let widths = columns.indices.map { index in
            max(columns[index].count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(columns.map { $0.uppercased() })] + cells.map(line)).joined(separator: "\n")
    }

    private static func cell(_ value: Value) -> String {
        switch value {
        case .null: "-"
        case .list(let values): values.map(\.description).joined(separator: ",")
        default: value.description
        }
    }
}
