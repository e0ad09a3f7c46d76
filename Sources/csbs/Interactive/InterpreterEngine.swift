import CSBSClient
import CSBSCommandLine
import CSBSPlatform
import CSBSScript
import CSBSShell
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The language behind the interactive shell: one ``Interpreter`` whose state (variables, selected vault,
/// `on error` mode) lives as long as the session. Each input is parsed and resolved like a script, then run;
/// diagnostics are printed and the session goes on.
actor InterpreterEngine: ShellEngine {
    /// The backend being connected in the background.
    private let backend: Task<Backend, any Error>
    /// Made once the backend is there.
    private var interpreter: Interpreter?
    private let output: TerminalOutput
    private let environment: [String: String]
    /// `emulator` or the endpoint in use, for the prompt.
    private let backendLabel: String
    private var inputNumber = 0
    /// The run's flags and trace, for the clients `region`, `profile` and `endpoint` switch to.
    private let overrides: ConfigurationOverrides
    private let trace: TraceHandler?
    /// Made with the interpreter; shut down by ``shutdown()``.
    private var connections: ScriptConnections?
    /// The secrets of the connection last asked about (see ``connectionSecrets()``).
    private var knownSecrets: (connection: ConnectionChange, values: Set<String>)?
    /// The backend's names completion last listed, and how long they are used.
    private var listedNames: CompletionCatalog?
    private var catalogLifetime = CatalogLifetime()
    /// The time, for ``catalogLifetime``.
    private let now: @Sendable () -> Date
    /// `timing on`: how long each input took is printed after it (psql's `\timing`).
    private var timing = false
    /// How `confirm` asks: through the shell's own line input, so readline's state stays right.
    private let confirmation: ConfirmationSource

    init(
        backend: Task<Backend, any Error>, output: TerminalOutput, environment: [String: String], backendLabel: String,
        overrides: ConfigurationOverrides = ConfigurationOverrides(), trace: TraceHandler? = nil,
        confirmation: ConfirmationSource = .refuse, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.confirmation = confirmation
        self.now = now
        self.backend = backend
        self.output = output
        self.environment = environment
        self.backendLabel = backendLabel
        self.overrides = overrides
        self.trace = trace
    }

    /// Shuts down what `region`, `profile` or `endpoint` started.
    func shutdown() async {
        await connections?.shutdown()
    }

    /// The interpreter, once the backend is connected; `nil` when it cannot connect (said on stderr when
    /// `report` is set; completion refreshes in the background stay quiet).
    private func readyInterpreter(report: Bool = true) async -> Interpreter? {
        if let interpreter { return interpreter }
        let connection = await backend.result
        // Actor reentrancy: while this call waited for the backend, another (the first input, or the background
        // completion refresh) may have made the interpreter and run commands on it. Replacing it here would
        // silently drop that session's state (a `region` switch, a selected vault, variables).
        if let interpreter { return interpreter }
        switch connection {
        case .success(let connected):
            let connections = ScriptConnections(base: overrides, environment: environment, trace: trace, primary: connected)
            self.connections = connections
            var made = Interpreter(
                client: connected.client, output: output, environment: environment, scriptName: "csbs",
                connector: connections.connector
            )
            made.confirmation = confirmation
            interpreter = made
            return made
        case .failure(let error as ClientError):
            if report { Console.err("csbs: " + output.shown(error.message)) }
            return nil
        case .failure(let error):
            if report { Console.err("csbs: cannot start the built-in emulator: \(error)") }
            return nil
        }
    }

    /// An input ending in `\\` or inside an open block, list, record or parenthesis goes on on the next line.
    func completeness(of text: String) -> InputCompleteness {
        text.hasSuffix("\\") || OpenInput.isOpen(text) ? .incomplete : .complete
    }

    func evaluate(_ text: String) async -> EvaluationOutcome {
        inputNumber += 1
        catalogLifetime.noteInput(text)
        let file = SourceFile(name: "<input \(inputNumber)>", text: text)
        // Before a session exists no name is declared: a line that does not check starts no backend.
        let checked = Checker.check(file, options: interpreter?.checkOptions ?? .standard())
        for finding in checked.diagnostics { output.diagnostic(finding.diagnostic, in: finding.file) }
        guard let program = checked.program else { return .failed }
        guard let interpreter = await readyInterpreter() else { return .failed }
        var session = interpreter
        let started = ContinuousClock.now
        let result = await session.run(program)
        self.interpreter = session
        if timing { Console.err("Time: " + Self.formatElapsed(started.duration(to: .now))) }
        output.updateSecrets(connectionSecrets())
        switch result {
        case .success:
            return .succeeded
        case .failure(let failure):
            switch failure.category {
            case .exit(let code): return .exit(code)
            case .interrupted: return .interrupted  // the interpreter said what keeps running in the cloud
            default: return .failed
            }
        }
    }

    func prompt() -> String {
        var parts = ["csbs", currentLabel()]
        if let vault = interpreter?.context.vault?.name { parts.append("(" + output.shown(vault) + ")") }
        return parts.joined(separator: " ") + "> "
    }

    /// The backend's label for the prompt, following `region`, `profile` and `endpoint` switches made in the
    /// session (on the built-in emulator, a region switch selects that region's project).
    private func currentLabel() -> String {
        guard let change = interpreter?.connection, change != ConnectionChange() else { return backendLabel }
        let merged = change.merged(into: overrides)
        guard let label = try? Backend.label(overrides: merged, environment: environment) else { return backendLabel }
        if label.hasPrefix("emulator "), let region = merged.region { return "emulator " + region }
        return label
    }

    /// Off the actor: the shell makes it beside its first prompt, which asks the actor for the prompt meanwhile.
    nonisolated func immediateCatalog() -> CompletionCatalog {
        var catalog = ShellVocabulary.catalog
        catalog.environmentNames = environment.keys.filter(ShellVocabulary.isPlainName).sorted()
        if let path = ProfileFile.defaultPath(environment: environment), let file = try? ProfileFile.load(path: path) {
            catalog.values["profile"] = file.profiles.keys.filter(ShellVocabulary.isPlainName).sorted()
        }
        return catalog
    }

    func completionCatalog() async -> CompletionCatalog {
        var catalog = immediateCatalog()
        guard let interpreter = await readyInterpreter(report: false) else { return catalog }
        catalog.variables = Array(Set(catalog.variables).union(interpreter.declaredNames)).sorted()
        // The backend's names are listed again after `catalogLifetime` or an input that may have changed them.
        if let listed = listedNames, catalogLifetime.isFresh(at: now()) {
            catalog.vaultNames = listed.vaultNames
            catalog.servers = listed.servers
            catalog.disks = listed.disks
            catalog.backupIDs = listed.backupIDs
            catalog.checkpointIDs = listed.checkpointIDs
            return catalog
        }
        catalogLifetime.listed(at: now())
        // `-v` traces what the user's commands send, not this refresh, whose lines would land over the input line.
        let client = interpreter.client.untraced()
        let limit = Self.listedForCompletion
        async let vaults = try? Self.first(limit, of: client.vaults()).map(\.name)
        async let servers = try? Self.first(limit, of: client.protectables(type: .server))
        async let disks = try? Self.first(limit, of: client.protectables(type: .disk))
        async let backups = try? Self.first(limit, of: client.backups())
        catalog.vaultNames = await vaults ?? []
        catalog.servers = (await servers ?? []).map { CompletionCatalog.Resource(id: $0.id, name: $0.name ?? "") }
        catalog.disks = (await disks ?? []).map { CompletionCatalog.Resource(id: $0.id, name: $0.name ?? "") }
        let recent = await backups ?? []
        catalog.backupIDs = recent.map(\.id)
        catalog.checkpointIDs = Array(Set(recent.compactMap(\.checkpointID))).sorted()
        listedNames = catalog
        return catalog
    }

    /// The most vaults, servers, disks or backups completion lists of each (page after page): more than a person
    /// picks from a list, and few requests for an account that has more (type more of the name or id).
    static let listedForCompletion = 2_000

    /// The first `count` elements of a listing, fetching no page after them.
    static func first<Element>(_ count: Int, of sequence: PageSequence<Element>) async throws -> [Element] {
        var elements: [Element] = []
        for try await element in sequence {
            elements.append(element)
            if elements.count >= count { break }
        }
        return elements
    }

    /// The secrets of the connection the session uses now (after `profile` or `endpoint`, that one's).
    func secrets() -> Set<String> { connectionSecrets() }

    /// Resolving them reads the profiles file: done again only when `region`, `profile` or `endpoint` changed the
    /// connection, not after every input.
    private func connectionSecrets() -> Set<String> {
        let connection = interpreter?.connection ?? ConnectionChange()
        if let known = knownSecrets, known.connection == connection { return known.values }
        let values = Backend.secrets(overrides: connection.merged(into: overrides), environment: environment)
        knownSecrets = (connection, values)
        return values
    }

    /// Laid out for the window when standard output is a terminal (``HelpLayout``), as written otherwise; help
    /// taller than the window goes through the pager, as a long result does.
    func help(topic: String?) -> String {
        let text = ShellVocabulary.help(topic: topic)
        guard let columns = output.width.columns(STDOUT_FILENO) else { return text }
        let laidOut = HelpLayout.wrap(text, width: columns)
        if let pager = output.pager, pager.showIfTall(laidOut) { return "" }
        return laidOut
    }

    /// The engine's own commands: `session` (also `\conninfo`, `\set`), `timing [on|off]` (`\timing`),
    /// `expanded [on|off]` (`\x`). `pager [on|off]`. Without an argument a setting is toggled.
    func command(_ words: [String]) async -> String? {
        guard let first = words.first?.lowercased() else { return nil }
        let arguments = Array(words.dropFirst())
        switch first {
        case "session", "\\conninfo", "\\set":
            guard arguments.isEmpty else { return "usage: session — shows the connection, settings and variables\n" }
            guard let interpreter = await readyInterpreter() else { return "" }
            let view = SessionView(
                label: currentLabel(), configuration: interpreter.client.configuration, connection: interpreter.connection,
                vault: interpreter.context.vault, lastCheckpointID: interpreter.context.lastCheckpointID,
                onError: interpreter.onErrorMode, lastError: interpreter.errorValue,
                variables: interpreter.globalVariables, timing: timing, expanded: output.expandsEveryTable,
                pager: output.pager?.command
            )
            return view.render(shown: { output.shown($0) }, width: output.width.columns(STDOUT_FILENO))
        case "timing", "\\timing":
            guard let value = Self.setting(arguments, current: timing) else { return "usage: timing [on|off]\n" }
            timing = value
            return "timing is \(value ? "on" : "off")\n"
        case "expanded", "\\x":
            let current = output.expandsEveryTable
            guard let value = Self.setting(arguments, current: current) else { return "usage: expanded [on|off]\n" }
            output.expandsEveryTable = value
            return value ? "expanded display is on\n" : "expanded display is off (only tables that do not fit)\n"
        case "pager":
            guard let value = Self.setting(arguments, current: output.pager != nil) else { return "usage: pager [on|off]\n" }
            guard value else {
                output.pager = nil
                return "pager is off\n"
            }
            guard let pager = Pager.configured(environment: environment) else {
                return "csbs: no pager: set CSBS_PAGER or PAGER (no less or more is installed)\n"
            }
            output.pager = pager
            return "pager is on (\(output.shown(pager.command))) for results taller than the window\n"
        default:
            return nil
        }
    }

    /// `on`, `off`, or nothing to toggle `current`; `nil` for anything else.
    private static func setting(_ arguments: [String], current: Bool) -> Bool? {
        switch arguments.map({ $0.lowercased() }) {
        case []: !current
        case ["on"]: true
        case ["off"]: false
        default: nil
        }
    }

    /// `12.3 ms` under a second, `1.234 s` above.
    static func formatElapsed(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1 { return (seconds * 1000).fixed(1) + " ms" }
        return seconds.fixed(3) + " s"
    }
}
