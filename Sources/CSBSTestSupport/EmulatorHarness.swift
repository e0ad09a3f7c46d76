import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation

/// An in-memory emulator on 127.0.0.1 and clients for it, all on one ``VirtualClock``.
public struct EmulatorHarness: Sendable {
    public let emulator: RunningEmulator
    public let clock: VirtualClock

    /// The emulator's control API: virtual time, faults, request log, reset.
    public var control: EmulatorControl { emulator.control }

    /// Starts a fresh emulator whose backups take `backupDuration` of virtual time; `configure` may set more
    /// (seed, fault rules, inventory, a sleeper) before it starts.
    public static func start(
        backupDuration: Duration = .seconds(2), clock: VirtualClock = VirtualClock(),
        configure: (inout EmulatorConfiguration) -> Void = { _ in }
    ) async throws -> EmulatorHarness {
        var configuration = EmulatorConfiguration()
        configuration.backupDuration = backupDuration
        configuration.now = { clock.date }
        configure(&configuration)
        let emulator = try await Emulator.start(configuration)
        return EmulatorHarness(emulator: emulator, clock: clock)
    }

    /// The client configuration for an emulator account (the demo one by default).
    public func configuration(
        account: EmulatorAccount = .demo, tokenCacheDirectory: String? = nil
    ) -> ClientConfiguration {
        ClientConfiguration(
            endpoints: .single(emulator.endpoint),
            credentials: .password(
                PasswordCredentials(
                    userName: account.userName, password: account.password, domainName: account.domainName,
                    project: .name(account.projectName)
                )
            ),
            tokenCacheDirectory: tokenCacheDirectory
        )
    }

    /// A client on the harness's virtual clock.
    public func client(
        account: EmulatorAccount = .demo, tokenCacheDirectory: String? = nil,
        transport: any HTTPTransport = HTTP1Transport()
    ) -> BackupClient {
        let clock = self.clock
        return BackupClient(
            configuration: configuration(account: account, tokenCacheDirectory: tokenCacheDirectory),
            transport: transport, clock: clock, currentDate: { clock.date }
        )
    }

    public func shutdown() async {
        await emulator.shutdown()
    }
}

/// Runs `body` with a fresh emulator and always shuts it down.
public func withEmulator<T>(
    backupDuration: Duration = .seconds(2), _ body: (EmulatorHarness) async throws -> T
) async throws -> T {
    let harness = try await EmulatorHarness.start(backupDuration: backupDuration)
    do {
        let value = try await body(harness)
        await harness.shutdown()
        return value
    } catch {
        await harness.shutdown()
        throw error
    }
}

/// A temporary directory removed by the caller (`defer { try? FileManager.default.removeItem(atPath:) }`).
public func makeTemporaryDirectory(_ prefix: String = "csbs-test") throws -> String {
    let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
