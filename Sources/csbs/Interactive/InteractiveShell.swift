import CSBSClient
import CSBSCommandLine
import CSBSScript
import CSBSShell
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `csbs` with no script on a terminal: the interactive shell over the same backend and interpreter as
/// batch mode, with GNU readline, persistent history and completion.
///
/// The first prompt does not wait for the backend: the configuration is resolved up front (so its errors
/// still end the start), while the built-in emulator starts (or the cloud client is made) in the background;
/// the first command waits for it.
struct InteractiveShell {
    let overrides: ConfigurationOverrides
    let environment: [String: String]
    /// The request trace of `--verbose`.
    var trace: TraceHandler?

    /// The history file: `CSBS_HISTFILE`, else `history` in the state directory.
    var historyPath: String {
        if let path = environment["CSBS_HISTFILE"], !path.isEmpty { return path }
        return StatePaths(environment: environment).stateDirectory + "/history"
    }

    /// Runs the session. - Returns: the process exit status.
    func run() async -> Int32 {
        let label: String
        do {
            label = try Backend.label(overrides: overrides, environment: environment)
        } catch let error as ClientError {
            Console.err("csbs: " + TerminalText.escaped(error.message))
            return ExitStatus.configuration.rawValue
        } catch {
            Console.err("csbs: " + TerminalText.escaped("\(error)"))
            return ExitStatus.configuration.rawValue
        }
        let secrets = Backend.secrets(overrides: overrides, environment: environment)
        let output = TerminalOutput(environment: environment, mode: .human, secrets: secrets)
        output.pager = Pager.configured(environment: environment)
        // A pager left before it read everything must not end the shell: its pipe's writes fail instead.
        signal(SIGPIPE, SIG_IGN)
        let (overrides, environment, trace) = (self.overrides, self.environment, self.trace)
        let backend = Task {
            try await Backend.connect(overrides: overrides, environment: environment, announce: false, trace: trace)
        }
        let interrupts = InterruptRouter()
        interrupts.install()
        defer { interrupts.uninstall() }
        let reader = ReadlineReader(interrupts: interrupts)
        // `confirm` asks through the shell's own line input (its Ctrl-C abandons the answer, not the shell).
        let confirmation = ConfirmationSource.ask { question in
            switch await reader.read(prompt: output.redacted(question)) {
            case .line(let answer): .line(answer)
            case .interrupted: .interrupted
            case .endOfInput: .endOfInput
            }
        }
        let engine = InterpreterEngine(
            backend: backend, output: output, environment: environment, backendLabel: label, overrides: overrides,
            trace: trace, confirmation: confirmation
        )
        // With standard output redirected (`csbs > out.txt`) the greeting goes where the prompt goes: the terminal.
        let toTerminal = isatty(STDOUT_FILENO) == 1
        let greet: (String) -> Void = { line in toTerminal ? Console.out(line) : Console.err(line) }
        if label.hasPrefix("emulator") {
            let paths = StatePaths(environment: environment)
            greet(
                "csbs: no cloud credentials configured; using the built-in emulator "
                    + "(state in \(paths.abbreviated(paths.emulatorDatabase)))"
            )
        }
        greet("'help' lists the statements; Tab completes; Ctrl-C interrupts; Ctrl-D or 'exit' leaves.")
        let session = ShellSession(
            reader: reader, engine: engine, interrupts: interrupts,
            home: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 },
            edit: { [editor = ExternalEditor(environment: environment)] text in try await editor.edit(text) },
            write: { Console.raw(Self.shown($0), to: .standardOutput) }
        )
        var historyPolicy = HistoryPolicy(environment: environment)
        historyPolicy.knownSecrets.formUnion(secrets)
        let history = History(path: historyPath, policy: historyPolicy)
        let status = await session.run(history: history)
        await engine.shutdown()
        if let connected = try? await backend.value { await connected.shutdown() }
        return status
    }

    /// What the shell session writes (history entries, the text an editor left, messages), as it reaches the
    /// terminal: the history file and an editor's file are text from outside, so controls other than line breaks and
    /// tabs are shown escaped, as every result is (an entry holding an OSC sequence set the window's title when
    /// `history` listed it).
    static func shown(_ text: String) -> String {
        TerminalText.escaped(text, layout: .multiline, limit: nil)
    }
}
