import ArgumentParser
import CSBSCommandLine
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSLocalFiles
import Foundation

/// `csbs serve` (which runs this executable): the built-in emulator as an HTTP server for other clients (the official
/// SDKs, curl, csbs); and, with `--built-in`, the emulator of one csbs run without cloud credentials
/// (``BuiltInEmulator``).
@main
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csbs serve",
        abstract: BuiltInEmulator.serveAbstract,
        discussion: """
            Prints, as shell export lines, the endpoint and the emulator's demo account: password and access \
            key (its only secrets, printed on purpose). Requests authenticate with an IAM token (X-Auth-Token) or \
            an SDK-HMAC-SHA256 AK/SK signature. The control API lives under /csbs-emulator/v1/: GET clock, \
            POST clock/advance {"seconds": N}, POST|GET|DELETE faults, PUT|GET|DELETE rate-limit {"requests_per_second": N}, POST reset, GET state, GET requests; it \
            takes changes as application/json only and refuses web pages (a foreign Origin). On a loopback \
            --host it answers loopback Host names only; on any other host it needs the printed \
            CSBS_EMULATOR_CONTROL_TOKEN in the X-CSBS-Emulator-Token header. Stops on Ctrl-C or SIGTERM.
            """
    )

    @Option(help: "Address to bind; keep the loopback default unless you mean to expose it.")
    var host = ServeSettings().host

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = ServeSettings().port

    @Option(help: ArgumentHelp("SQLite database for the state (default: the built-in emulator's).", valueName: "PATH"))
    var db: String?

    @Flag(help: "Keep the state in memory; it is lost on exit.")
    var memory = false

    @Option(help: ArgumentHelp("How long a backup stays 'protecting', e.g. 2s, 500ms, 1m30s, 0s.", valueName: "DURATION"))
    var backupDuration = DurationArgument(ServeSettings().durations.backup)

    @Option(help: ArgumentHelp("How long a restore stays 'restoring'.", valueName: "DURATION"))
    var restoreDuration = DurationArgument(ServeSettings().durations.restore)

    @Option(help: ArgumentHelp("How long a deleted backup stays 'deleting'.", valueName: "DURATION"))
    var deleteDuration = DurationArgument(ServeSettings().durations.delete)

    @Option(help: ArgumentHelp("How long a deleted vault stays 'deleting'.", valueName: "DURATION"))
    var vaultDeleteDuration = DurationArgument(ServeSettings().durations.vaultDelete)

    @Option(help: ArgumentHelp("How long a removed resource stays 'removing'.", valueName: "DURATION"))
    var removeResourceDuration = DurationArgument(ServeSettings().durations.removeResource)

    @Option(help: ArgumentHelp(
        "Emulator seconds per real second (e.g. 60 makes a 2m backup take 2s); the clock can also be advanced "
            + "with POST /csbs-emulator/v1/clock/advance.",
        valueName: "FACTOR"
    ))
    var timeScale = ServeSettings().timeScale

    @Option(help: ArgumentHelp("Inject a fault (repeatable). \(FaultRule.specSyntax)", valueName: "SPEC"))
    var fault: [String] = []

    @Option(help: ArgumentHelp("Make ids, tokens and fault probabilities reproducible from this seed.", valueName: "N"))
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Throttle CBR and CSBS requests as the API gateway does: at most N per second per project, then 429 "
            + "APIGW.0308 (off by default; PUT|GET|DELETE /csbs-emulator/v1/rate-limit changes it).",
        valueName: "N"
    ))
    var rateLimit: Int?

    @Flag(name: .customLong(String(BuiltInEmulator.builtInFlag.dropFirst(2))), help: .hidden)
    var builtIn = false

    @Option(help: ArgumentHelp(
        "JSON file declaring servers and disks besides the seeded ones: {\"servers\": [{\"id\", \"name\", "
            + "\"status\", \"availability_zone\", \"disks\": [{\"id\", \"name\", \"size_gb\", \"bootable\"}]}]} "
            + "for the demo project, or {\"projects\": [{\"project_id\", \"servers\": [...]}]}.",
        valueName: "FILE"
    ))
    var inventory: String?

    /// The options' values.
    var settings: ServeSettings {
        ServeSettings(
            host: host, port: port, db: db, memory: memory,
            durations: OperationDurations(
                backup: backupDuration.duration, restore: restoreDuration.duration, delete: deleteDuration.duration,
                vaultDelete: vaultDeleteDuration.duration, removeResource: removeResourceDuration.duration
            ),
            timeScale: timeScale, fault: fault, seed: seed, rateLimit: rateLimit, builtIn: builtIn, inventory: inventory
        )
    }

    func validate() throws {
        try settings.validate()
    }

    func run() async throws {
        try await settings.run()
    }

    /// Runs the line csbs writes for its built-in emulator (``BuiltInEmulator/parse(arguments:)``) without
    /// ArgumentParser, and every other line as ArgumentParser reads it.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let line = BuiltInEmulator.parse(arguments: arguments), let settings = ServeSettings(builtIn: line) {
            do {
                try await settings.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// The start-up banner: comments plus `export` lines a user can paste or `eval` (the control token, when
    /// there is one, before the AK/SK lines that end the banner).
    static func exports(host: String, port: Int, state: String, controlToken: String? = nil) -> String {
        let account = EmulatorAccount.demo
        let urlHost = host.contains(":") ? "[\(host)]" : host
        let endpoint = "http://\(urlHost):\(port)"
        var lines = [
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
        if let controlToken {
            lines += [
                "# the control API's token (send it as X-CSBS-Emulator-Token):",
                "export CSBS_EMULATOR_CONTROL_TOKEN=\(shellQuoted(controlToken))",
            ]
        }
        lines += [
            "# the same account's access key, for AK/SK signing (the official SDKs read these):",
            "export HUAWEICLOUD_SDK_AK=\(shellQuoted(account.accessKeyID))",
            "export HUAWEICLOUD_SDK_SK=\(shellQuoted(account.secretAccessKey))",
            "export HUAWEICLOUD_SDK_PROJECT_ID=\(shellQuoted(account.projectID))",
        ]
        return lines.joined(separator: "\n")
    }

    /// 32 random hex digits.
    static func newControlToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    static func shellQuoted(_ value: String) -> String {
        let safe = value.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
        return safe ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
