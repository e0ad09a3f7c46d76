import ArgumentParser

/// The entry point. `csbs FILE` (what a `#!/usr/bin/env csbs` line runs) means `csbs run FILE`; everything
/// else goes to the argument parser as given.
@main
enum Main {
    static func main() async {
        await CSBSCommand.main(arguments(Array(CommandLine.arguments.dropFirst())))
    }

    static func arguments(_ arguments: [String]) -> [String] {
        let subcommands = Set(["run", "check", "serve", "help"])
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.contains(first) else { return arguments }
        return ["run"] + arguments
    }
}
