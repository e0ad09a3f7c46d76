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
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8780

    @Option(help: ArgumentHelp("SQLite database for the state (default: the built-in emulator's).", valueName: "PATH"))
    var db: String?

    @Flag(help: "Keep the state in memory; it is lost on exit.")
    var memory = false

    @Option(help: ArgumentHelp("How long a backup stays 'protecting', e.g. 2s, 500ms, 0s.", valueName: "DURATION"))
    var backupDuration = DurationArgument(.seconds(2))

    @Option(help: ArgumentHelp("How long a restore stays 'restoring'.", valueName: "DURATION"))
    var restoreDuration = DurationArgument(.seconds(2))

    @Option(help: ArgumentHelp("How long a deleted backup stays 'deleting'.", valueName: "DURATION"))
    var deleteDuration = DurationArgument(.seconds(1))

    @Option(help: ArgumentHelp("How long a deleted vault stays 'deleting'.", valueName: "DURATION"))
    var vaultDeleteDuration = DurationArgument(.seconds(2))

    @Option(help: ArgumentHelp("How long a removed resource stays 'removing'.", valueName: "DURATION"))
    var removeResourceDuration = DurationArgument(.seconds(1))

    @Option(help: ArgumentHelp(
        "Emulator seconds per real second (e.g. 60 makes a 2m backup take 2s); the clock can also be advanced "
            + "with POST /csbs-emulator/v1/clock/advance.",
        valueName: "FACTOR"
    ))
    var timeScale: Double = 1

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

    func validate() throws {
        if memory && db != nil { throw ValidationError("give either --db PATH or --memory, not both") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !timeScale.isFinite || timeScale <= 0 || timeScale > 1_000_000 {
            throw ValidationError("--time-scale must be a number above 0 and at most 1000000")
        }
        if let rateLimit, let problem = GatewayRateLimit(requestsPerSecond: rateLimit).problem {
            throw ValidationError("--rate-limit: \(problem.replacingOccurrences(of: "requests_per_second", with: "N"))")
        }
        for spec in fault {
            do { _ = try FaultRule(spec: spec) } catch { throw ValidationError("--fault: \(error)") }
        }
    }

    func run() async throws {
        let paths = StatePaths(environment: ProcessInfo.processInfo.environment)
        var configuration = EmulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.durations = OperationDurations(
            backup: backupDuration.duration, restore: restoreDuration.duration, delete: deleteDuration.duration,
            vaultDelete: vaultDeleteDuration.duration, removeResource: removeResourceDuration.duration
        )
        configuration.timeScale = timeScale
        configuration.seed = seed
        configuration.rateLimit = rateLimit.map(GatewayRateLimit.init(requestsPerSecond:))
        configuration.faults = try fault.map { try FaultRule(spec: $0) }
        configuration.inventory = try loadInventory()
        configuration.storage = memory ? .memory : .file(path: db ?? paths.emulatorDatabase)
        if !memory {
            do {
                // Created 0600 before SQLite opens it (its `-wal` and `-shm` files take its mode): it holds issued
                // tokens and the demo account's password and secret key.
                try LocalFiles.preparePrivateFile(db ?? paths.emulatorDatabase)
            } catch let failure as LocalFiles.Failure {
                Console.err("\(messagePrefix): the emulator database: \(failure)")
                throw ServeExit.configuration.code
            }
        }
        if builtIn { return try await serveOneRun(configuration) }
        let stateDescription = memory ? "in memory" : paths.abbreviated(db ?? paths.emulatorDatabase)
        let host = self.host
        if !configuration.bindsLoopbackOnly {
            // Other machines can connect: the control API then takes a token, printed with the exports.
            configuration.controlToken = Self.newControlToken()
            Console.err(
                "csbs serve: WARNING: --host \(host) is reachable from other machines; anyone who can connect "
                    + "may use the demo account printed below. The control API needs the printed "
                    + "CSBS_EMULATOR_CONTROL_TOKEN (header X-CSBS-Emulator-Token)."
            )
        }
        let controlToken = configuration.controlToken
        do {
            try await Emulator.serve(configuration) { boundPort in
                Console.out(
                    Self.exports(host: host, port: boundPort, state: stateDescription, controlToken: controlToken)
                )
            }
        } catch {
            Console.err("csbs serve: \(error)")
            throw ServeExit.commandFailed.code
        }
    }

    /// How this process's messages begin: `csbs serve`, or what csbs says of its built-in emulator.
    private var messagePrefix: String { builtIn ? "csbs: the built-in emulator" : "csbs serve" }

    /// Serves one csbs run: says where it listens on stdout (``BuiltInEmulator/readyLine(endpoint:)``), then
    /// serves until stdin ends — csbs closed it or exited, however — and stops gracefully.
    private func serveOneRun(_ configuration: EmulatorConfiguration) async throws {
        let running: RunningEmulator
        do {
            running = try await Emulator.start(configuration)
        } catch {
            Console.err("\(messagePrefix): \(error)")
            throw ServeExit.commandFailed.code
        }
        Console.out(BuiltInEmulator.readyLine(endpoint: running.endpoint))
        // csbs reads that one line and closes the pipe: nothing else may go there (a write would end this process).
        let nowhere = open("/dev/null", O_WRONLY)
        if nowhere >= 0 {
            dup2(nowhere, STDOUT_FILENO)
            close(nowhere)
        }
        await Self.standardInputEnds()
        await running.shutdown()
    }

    /// Returns once stdin is at its end (or unreadable), reading and dropping whatever arrives; the blocking
    /// reads run on a thread of their own.
    private static func standardInputEnds() async {
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 512)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                    if count > 0 || (count < 0 && errno == EINTR) { continue }
                    break
                }
                ended.resume()
            }
        }
    }

    /// The declared inventory, if any. Exits 66 for an unreadable file and 65 for invalid content.
    private func loadInventory() throws -> EmulatorInventory? {
        guard let inventory else { return nil }
        do {
            return try EmulatorInventory.load(path: inventory)
        } catch let error as InventoryError {
            Console.err("\(messagePrefix): \(error)")
            if case .unreadable = error { throw ServeExit.noInput.code }
            throw ServeExit.syntaxError.code
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
