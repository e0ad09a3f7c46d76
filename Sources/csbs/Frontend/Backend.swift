import CSBSClient
import CSBSCommandLine
import CSBSEmulatorInterface
import CSBSSyntax
import FoundationEssentials

/// The service a run talks to: the configured cloud endpoint, or the built-in emulator (``EmulatorProcess``).
struct Backend {
    let client: BackupClient
    private let emulator: EmulatorProcess?

    /// The secret values of the configured credentials (from a profile as well as the environment and flags),
    /// and of every environment variable whose name says it holds a secret (`…PASSWORD…`, `…TOKEN…`,
    /// `…SECRET…`, `…_SK`), long enough to be recognised: output masks them and history never keeps a line
    /// holding one.
    static func secrets(overrides: ConfigurationOverrides, environment: [String: String]) -> Set<String> {
        var values = environment.filter { Redactor.isSecretField($0.key) || $0.key.uppercased().hasSuffix("_SK") }.values
            .filter { $0.count >= Redactor.minimumSecretLength }
        let paths = StatePaths(environment: environment)
        if let configuration = try? ClientConfiguration.resolve(
            overrides: overrides, environment: environment, tokenCacheDirectory: paths.tokenCacheDirectory
        ) {
            values += configuration.credentials.secretValues.filter { $0.count >= Redactor.minimumSecretLength }
        }
        return Set(values)
    }

    /// Resolves the configuration (flags > environment > built-in emulator) and connects.
    /// - Parameter trace: Receives the client's request/response trace (`--verbose`).
    static func connect(
        overrides: ConfigurationOverrides, environment: [String: String], announce: Bool = true,
        trace: TraceHandler? = nil
    ) async throws -> Backend {
        let paths = StatePaths(environment: environment)
        if let configuration = try cloudConfiguration(overrides: overrides, environment: environment, trace: trace) {
            let client = Self.client(configuration)
            client.prepareConnection()
            return Backend(client: client, emulator: nil)
        }
        let account = try emulatorAccount(overrides: overrides, environment: environment)
        var backupDuration: String?
        if let text = environment["CSBS_EMULATOR_BACKUP_DURATION"], !text.isEmpty {
            guard let duration = DurationArgument(argument: text) else {
                throw ClientError(
                    kind: .configuration,
                    message: "CSBS_EMULATOR_BACKUP_DURATION must be a duration such as 2s or 500ms, not '\(text)'"
                )
            }
            backupDuration = duration.argument
        }
        guard let executable = EmulatorProcess.besideThisExecutable() else {
            throw ClientError(kind: .configuration, message: "cannot find the directory of csbs, where its emulator is")
        }
        let emulator = try await EmulatorProcess.start(
            executable: executable,
            arguments: BuiltInEmulator.arguments(database: paths.emulatorDatabase, backupDuration: backupDuration)
        )
        if announce {
            Console.err(
                "csbs: no cloud credentials configured; using the built-in emulator "
                    + "(state in \(paths.abbreviated(paths.emulatorDatabase)))"
            )
        }
        var configuration = ClientConfiguration(
            endpoints: .single(emulator.endpoint),
            credentials: .password(
                PasswordCredentials(
                    userName: account.userName, password: account.password, domainName: account.domainName,
                    project: .name(account.projectName)
                )
            )
        )
        configuration.trace = trace
        configuration.notice = notice
        let client = Self.client(configuration)
        client.prepareConnection()
        return Backend(client: client, emulator: emulator)
    }

    /// The built-in emulator's account for the region the run asks for — `--region` (or a `region` statement),
    /// else `OS_REGION_NAME`, as against a cloud — so flag, variable and statement pick the same project: the demo
    /// account's `cn-north-4` (the default) or the other account's `cn-south-1`.
    /// - Throws: A configuration ``ClientError`` for any other region.
    static func emulatorAccount(overrides: ConfigurationOverrides, environment: [String: String]) throws
        -> EmulatorAccount
    {
        let region = overrides.region ?? environment["OS_REGION_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        guard let region else { return .demo }
        guard let account = [EmulatorAccount.demo, .other].first(where: { $0.projectName == region }) else {
            throw ClientError(
                kind: .configuration,
                message: "the built-in emulator has projects in cn-north-4 and cn-south-1 only, not in \(region); "
                    + "configure credentials to use that region"
            )
        }
        return account
    }

    /// The configuration for a cloud (flags > environment > profiles file), or `nil` when none is configured and
    /// the built-in emulator is the backend. Requests to a cloud are paced by ``Pacing/realCloudFanOut`` unless the
    /// configuration sets its own pace, so a `for … parallel N` fan-out stays under the gateway's limits; services
    /// on this machine (`csbs serve`, a tunnel) have no such gateway and are not paced.
    /// - Throws: A configuration ``ClientError`` for settings that do not resolve.
    static func cloudConfiguration(
        overrides: ConfigurationOverrides, environment: [String: String], trace: TraceHandler?
    ) throws -> ClientConfiguration? {
        let paths = StatePaths(environment: environment)
        guard var configuration = try ClientConfiguration.resolve(
            overrides: overrides, environment: environment, tokenCacheDirectory: paths.tokenCacheDirectory
        ) else { return nil }
        configuration.trace = trace
        configuration.notice = notice
        if configuration.pacing == nil, !configuration.endpoints.areAllOnThisMachine {
            configuration.pacing = .realCloudFanOut
        }
        return configuration
    }

    /// What the interactive prompt calls the backend the configuration picks, without connecting: the emulator
    /// and its region (`emulator cn-north-4`), or where the credentials came from and the region or host
    /// (`profile prod cn-north-4`, `environment cbr.example.com`).
    /// - Throws: A configuration ``ClientError``, as ``connect(overrides:environment:announce:trace:)`` would.
    static func label(overrides: ConfigurationOverrides, environment: [String: String]) throws -> String {
        let paths = StatePaths(environment: environment)
        guard let configuration = try ClientConfiguration.resolve(
            overrides: overrides, environment: environment, tokenCacheDirectory: paths.tokenCacheDirectory
        ) else { return "emulator " + (try emulatorAccount(overrides: overrides, environment: environment)).projectName }
        let origin = configuration.sources["credentials"] ?? "cloud"
        let url = configuration.endpoints.cbr
        return origin + " " + (configuration.region ?? URLComponents(string: url)?.host ?? url)
    }

    /// A client of `configuration` as csbs makes every one: with the logger that keeps its log off the terminal
    /// but for warnings, escaped (``ConsoleLogHandler``).
    static func client(_ configuration: ClientConfiguration) -> BackupClient {
        BackupClient(configuration: configuration, logger: ConsoleLogHandler.clientLogger)
    }

    /// Prints each client notice (a call waiting on the service, where credentials go, an unusable token cache) on
    /// stderr, escaped: a notice quotes the service (the error code of a throttled call).
    static let notice: NoticeHandler = { Console.err(noticeLine($0)) }

    /// The line ``notice`` prints: controls escaped and URL credentials masked, as every message from outside.
    static func noticeLine(_ notice: ClientNotice) -> String {
        "csbs: " + shownOnStderr(notice.description)
    }

    /// A message of the client (a notice, a log line) as it reaches stderr, where no ``TerminalOutput`` is at hand:
    /// controls escaped, URL credentials masked.
    static func shownOnStderr(_ text: String) -> String {
        TerminalText.escaped(Redactor.text(text, secrets: []))
    }

    func shutdown() async {
        await emulator?.shutdown()
    }
}
