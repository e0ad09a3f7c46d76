import ArgumentParser
import CSBSEmulator
import Foundation

extension CSBSCommand {
    /// `csbs serve`: the built-in emulator as an HTTP server for other clients (the official SDKs, curl, csbs).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the built-in CBR + IAM emulator as an HTTP server.",
            discussion: """
                Prints, as shell export lines, the endpoint and the emulator's demo account (its only secrets, \
                printed on purpose). Stops on Ctrl-C or SIGTERM.
                """
        )

        @Option(help: "Address to bind; keep the loopback default unless you mean to expose it.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 picks a free one.")
        var port = 8780

        @Option(help: ArgumentHelp("SQLite database for the state (default: the built-in emulator's).", valueName: "PATH"))
        var db: String?

        @Flag(help: "Keep the state in memory; it is lost on exit.")
        var memory = false

        @Option(help: ArgumentHelp("How long a backup stays 'protecting', e.g. 2s, 500ms, 0s.", valueName: "DURATION"))
        var backupDuration = DurationArgument(.seconds(2))

        func validate() throws {
            if memory && db != nil { throw ValidationError("give either --db PATH or --memory, not both") }
            if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() async throws {
            let paths = StatePaths(environment: ProcessInfo.processInfo.environment)
            var configuration = EmulatorConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.backupDuration = backupDuration.duration
            configuration.storage = memory ? .memory : .file(path: db ?? paths.emulatorDatabase)
            let stateDescription = memory ? "in memory" : paths.abbreviated(db ?? paths.emulatorDatabase)
            let host = self.host
            do {
                try await Emulator.serve(configuration) { boundPort in
                    Console.out(Self.exports(host: host, port: boundPort, state: stateDescription))
                }
            } catch {
                Console.err("csbs serve: \(error)")
                throw ExitStatus.commandFailed.exitCode
            }
        }

        /// The start-up banner: comments plus `export` lines a user can paste or `eval`.
        static func exports(host: String, port: Int, state: String) -> String {
            let account = EmulatorAccount.demo
            let urlHost = host.contains(":") ? "[\(host)]" : host
            let endpoint = "http://\(urlHost):\(port)"
            let lines = [
                "# csbs emulator listening on \(endpoint) (state: \(state)); Ctrl-C stops it",
                "# demo account of the emulator (not a real cloud secret):",
                "export CSBS_ENDPOINT=\(shellQuoted(endpoint))",
                "export OS_AUTH_URL=\(shellQuoted(endpoint + "/v3"))",
                "export OS_USERNAME=\(shellQuoted(account.userName))",
                "export OS_PASSWORD=\(shellQuoted(account.password))",
                "export OS_USER_DOMAIN_NAME=\(shellQuoted(account.domainName))",
                "export OS_PROJECT_NAME=\(shellQuoted(account.projectName))",
                "export OS_PROJECT_ID=\(shellQuoted(account.projectID))",
                "export OS_REGION_NAME=\(shellQuoted(account.projectName))",
            ]
            return lines.joined(separator: "\n")
        }

        static func shellQuoted(_ value: String) -> String {
            let safe = value.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
            return safe ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }
}

/// A duration flag value: `250ms`, `2s`, `5m`, `1h`, or a bare number of seconds.
struct DurationArgument: ExpressibleByArgument {
    let duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, milliseconds) in units where argument.hasSuffix(suffix) {
            guard let value = Int64(argument.dropLast(suffix.count)), value >= 0, value < 1_000_000 else { return nil }
            duration = .milliseconds(value * milliseconds)
            return
        }
        guard let seconds = Int64(argument), seconds >= 0, seconds < 1_000_000 else { return nil }
        duration = .seconds(seconds)
    }

    var defaultValueDescription: String { "\(duration)" }
}
