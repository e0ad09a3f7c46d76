import ArgumentParser
import CSBSScript
import CSBSClient
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CSBSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csbs",
        abstract: "A scripting shell for cloud server backups on Huawei Cloud (CBR, CSBS).",
        discussion: """
            Runs a script given with -c (other words of the line are its $1, $2, …), in a FILE \
            (`csbs [OPTIONS] FILE ARGS…` means `csbs run [OPTIONS] FILE ARGS…`, so a `#!/usr/bin/env csbs` or \
            `#!/usr/bin/env -S csbs --json` line works), or on stdin. With no cloud credentials it runs against a built-in \
            emulator whose state lives in $XDG_STATE_HOME/csbs (default ~/.local/state/csbs). The language is \
            described in docs/LANGUAGE.md.

            """ + ExitStatus.helpText,
        version: "csbs \(CSBSVersion.current)",
        subcommands: [Run.self, Check.self, Format.self, Serve.self, LanguageServerCommand.self, Manual.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run TEXT as a script (repeatable).", valueName: "TEXT"))
    var commands: [String] = []

    @OptionGroup var output: OutputOptions

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var variables: VariableOptions

    /// The words of a `-c` line (`csbs -c 'echo $1' x`), which ``Main/arguments(_:)`` passes as this option.
    @Option(name: .customLong("script-argument"), help: .hidden)
    var scriptArguments: [String] = []

    func validate() throws {
        if !scriptArguments.isEmpty, commands.isEmpty {
            throw ValidationError("script arguments are for a -c script; to run a file write csbs FILE ARGS…")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let request = scriptRequest(stdinIsTerminal: isatty(STDIN_FILENO) != 0) else {
            guard !output.dryRun else { throw ValidationError("--dry-run needs a script: a FILE, -c TEXT or stdin") }
            let status = await shellRequest.run(environment: environment)
            if status != 0 { throw ExitCode(status) }
            return
        }
        let status = await request.run(environment: environment)
        if status != 0 { throw ExitCode(status) }
    }

    /// The interactive shell these options ask for when there is no script (the output options and `--var` do not
    /// apply to it).
    var shellRequest: ShellRequest {
        ShellRequest(connection: connection.flags, verbose: connection.verbose)
    }

    /// The batch run these options ask for, or nil for the interactive shell (no `-c` and stdin is a terminal).
    func scriptRequest(stdinIsTerminal: Bool) -> ScriptRequest? {
        let script: ScriptRequest.Script
        if !commands.isEmpty {
            var request = ScriptRequest(
                script: .commands(commands), mode: output.mode, dryRun: output.dryRun, verbose: connection.verbose,
                connection: connection.flags
            )
            request.arguments = scriptArguments
            request.variables = variables.variables
            request.assumeYes = variables.yes
            return request
        } else if !stdinIsTerminal {
            script = .standardInput
        } else {
            return nil
        }
        var request = ScriptRequest(
            script: script, mode: output.mode, dryRun: output.dryRun, verbose: connection.verbose,
            connection: connection.flags
        )
        request.variables = variables.variables
        request.assumeYes = variables.yes
        return request
    }
}
