import Hummingbird
import Logging
import NIOCore

extension Emulator {
    /// Builds the application; `onServerRunning` receives the bound channel (for the port).
    static func buildApplication(
        _ configuration: EmulatorConfiguration,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) async throws -> some ApplicationProtocol {
        let store = try EmulatorStore(storage: configuration.storage)
        let router = buildRouter(store: store, configuration: configuration)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: onServerRunning,
            logger: configuration.logger
        )
    }

    /// The router: error rendering and request ids first, then the IAM and CBR routes.
    static func buildRouter(store: EmulatorStore, configuration: EmulatorConfiguration) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: WireErrorMiddleware(logger: configuration.logger))
        let progress = BackupProgress(clock: configuration.now, duration: configuration.backupDuration)
        let authenticator = TokenAuthenticator(store: store, progress: progress)
        IAMController(store: store, authenticator: authenticator).addRoutes(to: router)
        VaultController(store: store, authenticator: authenticator).addRoutes(to: router)
        CheckpointController(store: store, authenticator: authenticator).addRoutes(to: router)
        return router
    }
}
