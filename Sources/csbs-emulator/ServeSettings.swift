import ArgumentParser
import CSBSCommandLine
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSLocalFiles
import Foundation

/// What `csbs serve` runs with: the values of its options, whose defaults are these (``Serve`` declares its
/// options with them). ``Serve`` fills one in from any command line through ArgumentParser; the line csbs writes
/// for its built-in emulator is read into one without it (``init(builtIn:)``).
struct ServeSettings: Equatable {
    var host = "127.0.0.1"
    var port = 8780
    var db: String?
    var memory = false
    /// The emulator's own defaults (``OperationDurations/init(backup:restore:delete:vaultDelete:removeResource:)``).
    var durations = OperationDurations()
    var timeScale: Double = 1
    var fault: [String] = []
    var seed: UInt64?
    var rateLimit: Int?
    var builtIn = false
    var inventory: String?
}

extension ServeSettings {
    /// The settings of a built-in emulator's line (``BuiltInEmulator/parse(arguments:)``): the defaults with
    /// `--built-in --port 0 --db PATH` and the backup duration when the line gives one; `nil` when that duration
    /// does not read (ArgumentParser then reads the line and says what is wrong).
    init?(builtIn line: (database: String, backupDuration: String?)) {
        builtIn = true
        port = 0
        db = line.database
        if let text = line.backupDuration {
            guard let duration = DurationArgument(argument: text) else { return nil }
            durations.backup = duration.duration
        }
    }

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
        configuration.durations = durations
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
            configuration.controlToken = Serve.newControlToken()
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
                    Serve.exports(host: host, port: boundPort, state: stateDescription, controlToken: controlToken)
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
}
