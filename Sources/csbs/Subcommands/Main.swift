import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point. `csbs FILE` (what a `#!/usr/bin/env csbs` line runs) means `csbs run FILE`; the usual batch
/// lines are read directly (``DirectArguments``), everything else by the argument parser.
@main
enum Main {
    static func main() async {
        let arguments = arguments(Array(CommandLine.arguments.dropFirst()))
        if let request = DirectArguments.parse(arguments, stdinIsTerminal: isatty(STDIN_FILENO) != 0) {
            exit(await request.run(environment: ProcessInfo.processInfo.environment))
        }
        await CSBSCommand.main(arguments)
    }

    static func arguments(_ arguments: [String]) -> [String] {
        let subcommands = Set(["run", "check", "serve", "help"])
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.contains(first) else { return arguments }
        return ["run"] + arguments
    }
}
