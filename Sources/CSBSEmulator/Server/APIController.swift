import Hummingbird

/// A controller of emulated API routes (IAM, CBR or CSBS). It declares its routes statically, with their SDK
/// operation names, so that the router, the naming of requests and the fault rules' operation names all come from
/// that one declaration (see ``EmulatedAPI``). To add an endpoint, add an ``APIRoute`` to `routes` and its handler.
protocol APIController: Sendable {
    /// The route group the routes go in.
    static var service: APIService { get }
    /// The routes, in registration order.
    static var routes: [APIRoute<Self>] { get }

    /// The emulator's clock and operation durations.
    var progress: BackupProgress { get }

    /// A controller on the emulator's store and clock.
    init(store: EmulatorStore, progress: BackupProgress)
}

extension APIController {
    /// The routes as the router sees them, with their full paths.
    static var endpoints: [APIEndpoint] {
        routes.map { route in
            APIEndpoint(method: route.method, path: service.path.appendingPath(route.path), operation: route.operation)
        }
    }

    /// Registers the routes on `group` (the router group of ``service``), handled by one controller on `store`
    /// and `progress`.
    static func register(
        on group: RouterGroup<EmulatorRequestContext>,
        store: EmulatorStore,
        progress: BackupProgress
    ) {
        let controller = Self(store: store, progress: progress)
        for route in routes {
            group.on(route.path, method: route.method, use: route.handler(controller))
        }
    }

    /// What the store needs for the request of `context`: its identifier source and the configured durations.
    func environment(_ context: EmulatorRequestContext) -> StoreEnvironment {
        StoreEnvironment(identifiers: context.identifiers, durations: progress.durations)
    }
}
