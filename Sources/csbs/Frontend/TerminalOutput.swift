import CSBSClient
import CSBSCommandLine
import CSBSDryRun
import CSBSScript
import CSBSSyntax
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints results on stdout and progress and diagnostics on stderr.
///
/// People get one line per result (a table for list results); `--json` gives one JSON object per result and per
/// error; `--quiet` prints only what the script asked to print — `echo` and a value on its own (`$r`) — and
/// diagnostics (with `--json`, as JSON objects). While waiting, a terminal on stderr shows one live status line
/// that each update rewrites; anything else gets plain progress lines on status changes.
///
/// This is the boundary where text from outside meets the terminal: every human-readable line passes
/// ``TerminalText`` (control characters escaped, long values cut) and every line, JSON too, passes
/// ``Redactor/text(_:secrets:)`` (the configured secrets and URL credentials masked).
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
    /// The configured secrets' values, masked wherever they would be printed (the shell updates them when a
    /// `profile` or `endpoint` changes the connection).
    private let secrets: Mutex<Set<String>>
    /// The terminal's width, asked per result: tables on stdout and the status line on stderr are fitted to it.
    let width: TerminalWidth
    /// Whether tables are always shown one block per row (the shell's `expanded on`, psql's `\x`), or only when
    /// they cannot fit the width.
    private let alwaysExpanded = Mutex(false)

    /// The shell's pager for results taller than the window (``Pager``); `nil` outside the shell or when off.
    private let pagerSetting = Mutex<Pager?>(nil)

    /// See ``pagerSetting``.
    var pager: Pager? {
        get { pagerSetting.withLock { $0 } }
        set { pagerSetting.withLock { $0 = newValue } }
    }

    /// See ``alwaysExpanded``.
    var expandsEveryTable: Bool {
        get { alwaysExpanded.withLock { $0 } }
        set { alwaysExpanded.withLock { $0 = newValue } }
    }

    /// - Parameter width: The terminals' widths; by default the window of the process's terminal.
    init(environment: [String: String], mode: Mode = .human, secrets: Set<String> = [], width: TerminalWidth? = nil) {
        let terminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        // NO_COLOR: only a non-empty value turns colour off (no-color.org).
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        renderer = DiagnosticRenderer(colorMode: terminal && !noColor ? .on : .off)
        self.mode = mode
        liveStatus = terminal && mode == .human
        self.secrets = Mutex(secrets)
        self.width = width ?? .window(environment: environment)
    }

    /// Replaces the secrets to mask.
    func updateSecrets(_ values: Set<String>) {
        secrets.withLock { $0 = values }
    }

    /// `text` as it may reach a terminal: secrets masked, controls escaped, long text cut.
    func shown(_ text: String, layout: TerminalText.Layout = .singleLine) -> String {
        TerminalText.escaped(redacted(text), layout: layout)
    }

    /// `text` with the secrets masked (for JSON, which escapes controls itself).
    func redacted(_ text: String) -> String {
        Redactor.text(text, secrets: secrets.withLock { $0 })
    }

    func result(_ record: ResultRecord) {
        clearStatus()
        // An echo is the script's own text and may span lines; any other summary is one line.
        let layout: TerminalText.Layout = record.kind == "echo" || record.isForStandardError ? .multiline : .singleLine
        if record.isForStandardError {
            // `warn`: on stderr in every mode (also `--quiet`: the script asked for it), as JSON with `--json`.
            Console.err(mode.isJSON ? redacted(record.jsonLine) : shown(record.summary, layout: layout))
            return
        }
        switch mode {
        case .json:
            Console.out(redacted(record.jsonLine))
        case .quiet:
            if record.isAskedFor { Console.out(shown(record.summary, layout: layout)) }
        case .quietJSON:
            if record.isAskedFor { Console.out(redacted(record.jsonLine)) }
        case .human:
            var text = shown(record.summary, layout: layout)
            for rows in [record.rows, record.details] {
                guard let rows, !rows.isEmpty else { continue }
                let table = Table.render(
                    rows, width: width.columns(STDOUT_FILENO), expanded: alwaysExpanded.withLock { $0 }, redact: redacted
                )
                text += "\n" + table
            }
            if let pager, pager.showIfTall(text) { return }
            Console.out(text)
        }
    }

    /// A request a dry run would send: `METHOD PATH` and its body for people (also with `--quiet`: the requests
    /// are what a dry run is for), one `{"dry_run_request": …}` object with `--json`.
    func request(_ request: DryRunRequest) {
        clearStatus()
        Console.out(mode.isJSON ? redacted(request.jsonLine) : shown(request.text, layout: .multiline))
    }

    func progress(_ line: String) {
        guard !mode.isQuiet, !liveStatus else { return }
        Console.err(shown(line))
    }

    func status(_ line: String) {
        guard liveStatus else { return }
        let text = statusText(line)
        statusShown.withLock { shown in
            Console.raw("\r\u{1B}[K" + text, to: .standardError)
            shown = true
        }
    }

    /// The status line as shown: masked, escaped, and cut to one column short of the window on stderr (a line
    /// reaching the last column wraps, and `\r` would then rewrite only its last part).
    func statusText(_ line: String) -> String {
        let text = shown(line)
        guard let columns = width.columns(STDERR_FILENO) else { return text }
        return DisplayWidth.cut(text, to: max(columns - 1, 1))
    }

    /// On stderr, rendered; with `--json`, an error also as an object on stdout (see ``ErrorPresenter``) — here a
    /// diagnostic of the check, which ends the run with status 65.
    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
        clearStatus()
        Console.err(redacted(renderer.render(diagnostic, in: file)))
        if mode.isJSON, diagnostic.severity == .error {
            Console.out(redacted(ErrorPresenter.record(diagnostic, in: file, exitStatus: ExitStatus.syntaxError.rawValue).jsonLine))
        }
    }

    /// A failure of the running script: rendered on stderr; with `--json`, also an error object on stdout.
    func failure(_ failure: RuntimeFailure, in file: SourceFile) {
        clearStatus()
        Console.err(redacted(renderer.render(failure.diagnostic, in: file)))
        if mode.isJSON { Console.out(redacted(ErrorPresenter.record(failure, in: file).jsonLine)) }
    }

    /// An error outside any script (settings that do not resolve): `csbs: message` on stderr; with `--json`, also
    /// an error object on stdout.
    func error(_ message: String, id: String, exitStatus: ExitStatus) {
        clearStatus()
        Console.err("csbs: " + shown(message))
        if mode.isJSON {
            Console.out(redacted(ErrorPresenter.record(id: id, code: id, message: message, exitStatus: exitStatus.rawValue).jsonLine))
        }
    }

    func endStatus() {
        clearStatus()
    }

    private func clearStatus() {
        statusShown.withLock { shown in
            if shown { Console.raw("\r\u{1B}[K", to: .standardError) }
            shown = false
        }
    }
}
