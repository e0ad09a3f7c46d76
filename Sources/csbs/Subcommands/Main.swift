import ArgumentParser
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point. `csbs [OPTIONS] FILE` (what a `#!/usr/bin/env csbs` line runs) means `csbs run FILE`; the usual batch
/// lines and `csbs check FILE…` are read directly (``DirectArguments``), everything else by the argument parser. The
/// entry point is synchronous so that `csbs check` runs on the process's main thread; everything else runs as the
/// main actor's task.
@main
enum Main {
    static func main() {
        let given = Array(CommandLine.arguments.dropFirst())
        if let forwarded = CSBSCommand.Serve.emulatorArguments(given) { CSBSCommand.Serve.exec(forwarded) }
        let arguments = arguments(given)
        let environment = ProcessInfo.processInfo.environment
        switch DirectArguments.parse(arguments, stdinIsTerminal: isatty(STDIN_FILENO) != 0) {
        // Synchronously, on this thread: see ``CheckRequest/run(environment:)``.
        case .check(let request): request.run(environment: environment)
        case .script(let request): runAsynchronously { await request.run(environment: environment) }
        case .shell(let request): runAsynchronously { await request.run(environment: environment) }
        case nil:
            runAsynchronously {
                await CSBSCommand.main(arguments)
                return 0
            }
        }
    }

    /// Runs `body` as the main actor's task, as an asynchronous `main` would, and exits with its status. On Linux
    /// `dispatchMain` ends this thread and a worker thread serves the main queue from then on.
    private static func runAsynchronously(_ body: @escaping @MainActor @Sendable () async -> Int32) -> Never {
        Task { @MainActor in exit(await body()) }
        dispatchMain()
    }

    /// The command line as the readers take it:
    /// - `csbs [OPTIONS] FILE ARGS…` as `csbs run [OPTIONS] FILE ARGS…`: the first word after the options (skipping
    ///   option values) that is no subcommand is the script file — so `csbs --json FILE` and a
    ///   `#!/usr/bin/env -S csbs --json` line work;
    /// - with a `-c` before the first word, every word is an argument of the script (`csbs -c 'echo $1' x`), passed
    ///   on as `--script-argument WORD` so that no word is taken for a subcommand.
    static func arguments(_ given: [String]) -> [String] {
        let arguments = joiningReport(given)
        let subcommands = Set(CSBSCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
        var index = 0
        var commandLine = false
        while index < arguments.count, arguments[index].count > 1, arguments[index].hasPrefix("-") {
            if arguments[index] == "--" { return arguments }
            if arguments[index] == "-c" { commandLine = true }
            index += DirectArguments.takesValue(arguments[index]) ? 2 : 1
        }
        guard index < arguments.count, !arguments[index].hasPrefix("-") else { return arguments }
        if commandLine { return scriptArguments(arguments) }
        return subcommands.contains(arguments[index]) ? arguments : ["run"] + arguments
    }

    /// `--report FORMAT FILE` as the one value `--report=FORMAT:FILE`, which ``ReportRequest`` reads (an option of
    /// ArgumentParser takes one value, and FILE must not be taken for the script).
    static func joiningReport(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--" { return joined + arguments[index...] }
            if arguments[index] == "--report", index + 2 < arguments.count,
                ReportRequest.Format(rawValue: arguments[index + 1]) != nil
            {
                joined.append("--report=\(arguments[index + 1]):\(arguments[index + 2])")
                index += 3
            } else {
                joined.append(arguments[index])
                index += 1
            }
        }
        return joined
    }

    /// A `-c` line with each word that is neither an option nor an option's value as `--script-argument WORD`.
    private static func scriptArguments(_ arguments: [String]) -> [String] {
        var rewritten: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return rewritten + arguments[index...] }
            if argument.count > 1, argument.hasPrefix("-") {
                rewritten.append(argument)
                if DirectArguments.takesValue(argument), index + 1 < arguments.count {
                    rewritten.append(arguments[index + 1])
                    index += 1
                }
            } else {
                rewritten += ["--script-argument", argument]
            }
            index += 1
        }
        return rewritten
    }
}
