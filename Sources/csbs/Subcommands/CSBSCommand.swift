import ArgumentParser
import CSBSSyntax
import Foundation

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
            Runs a script given with -c, in a FILE (`csbs FILE` means `csbs run FILE`, so a `#!/usr/bin/env csbs` \
            line works), or on stdin. With no cloud credentials it runs against a built-in emulator whose state \
            lives in $XDG_STATE_HOME/csbs (default ~/.local/state/csbs).

            Exit status: 0 success, 64 usage error, 65 script syntax error (nothing was sent), 66 script file \
            unreadable, 70 command or API failure, 75 wait timeout, 78 configuration error, 130 interrupted.
            """,
        subcommands: [Run.self, Check.self, Serve.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run TEXT as a script (repeatable).", valueName: "TEXT"))
    var commands: [String] = []

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let source: SourceFile
        do {
            if !commands.isEmpty {
                source = ScriptSource.commandLine(commands)
            } else if isatty(STDIN_FILENO) == 0 {
                source = try ScriptSource.standardInput()
            } else {
                Console.err("csbs: the interactive shell is not available yet; pass -c TEXT, a script FILE, or a script on stdin")
                throw ExitStatus.usage.exitCode
            }
        } catch let error as ScriptSource.ReadError {
            Console.err("csbs: \(error.message)")
            throw error.status.exitCode
        }
        let runner = BatchRunner(overrides: connection.overrides(environment: environment), environment: environment)
        let status = await runner.run([source])
        if status != .success { throw status.exitCode }
    }
}
