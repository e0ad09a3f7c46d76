import CSBSClient
import CSBSCommandLine
import CSBSEmulatorInterface
import CSBSScript

/// Makes the clients a script's `region`, `profile` and `endpoint` statements ask for: the run's configuration
/// overrides with the change merged in, resolved like the run's own (flags > environment > profiles file >
/// built-in emulator). Against the built-in emulator, `region` picks the emulator project of that region (see
/// ``Backend/emulatorAccount(overrides:environment:)``) on the emulator the run already started.
/// Any backend it has to start lives until ``shutdown()``.
actor ScriptConnections {
    private let base: ConfigurationOverrides
    private let environment: [String: String]
    private let trace: TraceHandler?
    /// The run's built-in emulator, when the run uses one.
    private let emulatorEndpoint: String?
    /// Backends started for the script, shut down with the run.
    private var started: [Backend] = []

    /// - Parameters:
    ///   - base: The run's overrides (its flags).
    ///   - primary: The backend the run connected first; its emulator is reused.
    init(base: ConfigurationOverrides, environment: [String: String], trace: TraceHandler?, primary: Backend) {
        self.base = base
        self.environment = environment
        self.trace = trace
        let paths = StatePaths(environment: environment)
        let resolved = try? ClientConfiguration.resolve(
            overrides: base, environment: environment, tokenCacheDirectory: paths.tokenCacheDirectory
        )
        emulatorEndpoint = resolved == nil ? primary.client.configuration.endpoints.cbr : nil
    }

    /// The interpreter's connector over this actor.
    nonisolated var connector: Interpreter.Connector {
        { change in try await self.connect(change) }
    }

    /// A client for the run's connection with `change` merged in.
    /// - Throws: A configuration ``ClientError`` for settings that do not resolve, or a region the built-in emulator
    ///   has no project in.
    func connect(_ change: ConnectionChange) async throws -> BackupClient {
        let overrides = change.merged(into: base)
        if let configuration = try Backend.cloudConfiguration(overrides: overrides, environment: environment, trace: trace) {
            return Backend.client(configuration)
        }
        let account = try Backend.emulatorAccount(overrides: overrides, environment: environment)
        let endpoint: String
        if let emulatorEndpoint {
            endpoint = emulatorEndpoint
        } else {
            let backend = try await Backend.connect(overrides: overrides, environment: environment, announce: false, trace: trace)
            started.append(backend)
            endpoint = backend.client.configuration.endpoints.cbr
        }
        var configuration = ClientConfiguration(
            endpoints: .single(endpoint),
            credentials: .password(
                PasswordCredentials(
                    userName: account.userName, password: account.password, domainName: account.domainName,
                    project: .name(account.projectName)
                )
            )
        )
        configuration.trace = trace
        return Backend.client(configuration)
    }

    /// Shuts down every backend started for the script.
    func shutdown() async {
        for backend in started { await backend.shutdown() }
        started = []
    }
}
