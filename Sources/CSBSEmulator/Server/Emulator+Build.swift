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
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ConnectionDropper.Installer(), CloseAfterResponse()],
                    idleTimeout: TimeAmount(configuration.connectionIdleTimeout)
                )
            ),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: onServerRunning,
            logger: configuration.logger
        )
    }

    /// The router: request scope (operation name, identifiers, request log), error rendering and request ids,
    /// body buffering and fault injection on every route; then the control API, and the emulated API
    /// (``EmulatedAPI``) in one router group per service, the CBR and CSBS groups behind authentication.
    static func buildRouter(control: EmulatorControl) -> Router<EmulatorRequestContext> {
        let store = control.store
        let configuration = control.configuration
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestScopeMiddleware(control: control))
        router.add(middleware: WireErrorMiddleware(logger: configuration.logger))
        router.add(middleware: RequestBodyBuffering())
        router.add(middleware: FaultInjectionMiddleware(control: control))
        ControlController(control: control).addRoutes(to: router)
        let progress = BackupProgress(
            clock: configuration.now, durations: configuration.durations, signingClock: control.signingClock
        )
        let authenticator = TokenAuthenticator(store: store, progress: progress)
        let authentication = AuthenticationMiddleware(authenticator: authenticator)
        let gateway = GatewayRateLimitMiddleware(throttle: control.throttle)
        let iam = router.group(APIService.iam.path)
        let cbr = router.group(APIService.cbr.path).add(middleware: gateway).add(middleware: authentication)
        let cbrTenant = router.group(APIService.cbrTenant.path).add(middleware: gateway).add(middleware: authentication)
        let csbs = router.group(APIService.csbs.path)
            .add(middleware: gateway)
            .add(middleware: authentication)
            .add(middleware: CSBSProviderMiddleware())
        EmulatedAPI.register(store: store, progress: progress) { service in
            switch service {
            case .iam: iam
            case .cbr: cbr
            case .csbs: csbs
            case .cbrTenant: cbrTenant
            }
        }
        return router
    }
}
