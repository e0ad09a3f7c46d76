import CSBSEmulatorInterface
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The built-in emulator: a local, wire-compatible subset of Huawei Cloud IAM v3 and CBR v3.
///
/// State lives in SQLite (in memory or in a file) and is seeded on first open with the accounts of
/// ``EmulatorAccount`` and a small inventory of servers and disks per project. Requests authenticate with
/// IAM tokens or AK/SK signatures; ``EmulatorControl`` (and `/csbs-emulator/v1/`) controls time, faults and state.
public enum Emulator {
    /// Opens the state, binds, and returns once the port is known; the server keeps running in a
    /// background task until ``RunningEmulator/shutdown()``.
    /// - Parameter configuration: Address, storage, clock and logger.
    /// - Returns: The running emulator, with its actual port.
    /// - Throws: Database errors, or the bind error if the address is unavailable.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> RunningEmulator {
        let (ports, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let control = try EmulatorControl(configuration)
        let app = try await buildApplication(control) { channel in
            continuation.yield(channel.localAddress?.port ?? configuration.port)
        }
        let group = serviceGroup(app, signals: [], logger: configuration.logger)
        let task = Task {
            do {
                try await group.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        do {
            guard let port = try await ports.first(where: { _ in true }) else {
                throw EmulatorStartError.stoppedBeforeListening
            }
            return RunningEmulator(host: configuration.host, port: port, control: control, group: group, task: task)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw error
        }
    }

    /// Runs the emulator in the foreground until SIGINT or SIGTERM, then shuts down gracefully.
    /// - Parameters:
    ///   - configuration: Address, storage, clock and logger.
    ///   - onStarted: Called once with the bound port.
    /// - Throws: Database errors, or the bind error if the address is unavailable.
    public static func serve(
        _ configuration: EmulatorConfiguration,
        onStarted: @escaping @Sendable (Int) -> Void
    ) async throws {
        let app = try await buildApplication(try EmulatorControl(configuration)) { channel in
            onStarted(channel.localAddress?.port ?? configuration.port)
        }
        try await serviceGroup(app, signals: [.sigterm, .sigint], logger: configuration.logger).run()
    }

    /// The service group that runs `app`, named: ServiceLifecycle otherwise names a service by printing it, which
    /// walks the whole application (router, middleware) by reflection, 4.5 % of the emulator's start-up CPU.
    private static func serviceGroup(
        _ app: some ApplicationProtocol, signals: [UnixSignal], logger: Logger
    ) -> ServiceGroup {
        ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: app, serviceName: "csbs-emulator")], gracefulShutdownSignals: signals,
                logger: logger
            )
        )
    }

    /// The application (router, middleware, state), for in-process tests with `HummingbirdTesting`.
    /// - Parameter configuration: Storage, clock and logger (host and port are used only if it is run).
    /// - Returns: The Hummingbird application.
    /// - Throws: Database errors.
    public static func buildApplication(
        _ configuration: EmulatorConfiguration
    ) async throws -> some ApplicationProtocol {
        try await buildApplication(try EmulatorControl(configuration)) { _ in }
    }
}

/// Why ``Emulator/start(_:)`` failed without a more specific error.
enum EmulatorStartError: Error {
    case stoppedBeforeListening
}
