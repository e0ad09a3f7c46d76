import Hummingbird
import Logging
import NIOCore

extension Emulator {
    /// Builds the application around `control` (state, clock, faults); `onServerRunning` receives the
    /// bound channel (for the port).
    static func buildApplication(
        _ control: EmulatorControl,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) async throws -> some ApplicationProtocol {
        let configuration = control.configuration
        let router = buildRouter(control: control)
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionDropper.Installer()])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: onServerRunning,
            logger: configuration.logger
        )
    }

    /// The router: request scope (ids, request log), error rendering and request ids, body buffering,
    /// fault injection, then the control API and the IAM and CBR routes.
    static func buildRouter(control: EmulatorControl) -> Router<BasicRequestContext> {
        let store = control.store
        let configuration = control.configuration
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestScopeMiddleware(control: control))
        router.add(middleware: WireErrorMiddleware(logger: configuration.logger))
        router.add(middleware: RequestBodyBuffering())
        router.add(middleware: FaultInjectionMiddleware(control: control))
        ControlController(control: control).addRoutes(to: router)
        let progress = BackupProgress(clock: configuration.now, durations: configuration.durations)
        let authenticator = TokenAuthenticator(store: store, progress: progress)
        IAMController(store: store, authenticator: authenticator).addRoutes(to: router)
        VaultController(store: store, authenticator: authenticator).addRoutes(to: router)
        CheckpointController(store: store, authenticator: authenticator).addRoutes(to: router)
        CSBSController(store: store, authenticator: authenticator).addRoutes(to: router)
        BackupController(store: store, authenticator: authenticator).addRoutes(to: router)
        OperationLogController(store: store, authenticator: authenticator).addRoutes(to: router)
        ProtectableController(store: store, authenticator: authenticator).addRoutes(to: router)
        PolicyController(store: store, authenticator: authenticator).addRoutes(to: router)
        VaultTagController(store: store, authenticator: authenticator).addRoutes(to: router)
        return router
    }
}
