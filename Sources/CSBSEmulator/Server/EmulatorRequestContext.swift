import Hummingbird

/// The request context of every emulator route: Hummingbird's core context plus what the request layer learns
/// about a request before its handler runs. Nothing here is global: each request gets its own copy, and each
/// middleware passes an updated copy on.
///
/// - ``RequestScopeMiddleware`` names the ``operation`` after the matched route and sets ``identifiers``.
/// - ``FaultInjectionMiddleware`` records a hit in ``faultNote`` and may plan an `error` ``plannedOutcome``.
/// - ``AuthenticationMiddleware`` (on the CBR and CSBS route groups) sets ``grant``, or ``caller`` on a route without
///   a project in its path.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The SDK operation of the matched route (see ``EmulatedAPI``); `nil` for the control API and unknown routes.
    var operation: String?
    /// Where the request's new identifiers come from: the emulator's source once the request scope has set it
    /// (seeded with ``EmulatorConfiguration/seed``), system randomness before.
    var identifiers: IdentifierSource
    /// What fault injection did to the request, read by the request log after the response (shared by every copy
    /// of this context).
    let faultNote = FaultNote()
    /// The final status a checkpoint created by this request gets: `available` unless a `checkpoint_error` fault
    /// rule hit the request.
    var plannedOutcome = CheckpointOutcome.available
    /// The credentials' grant on a CBR or CSBS route, once authenticated; `nil` elsewhere.
    var grant: TokenAuthenticator.Grant?
    /// The credentials on a CBR route without a project in its path (project- or domain-scoped), once
    /// authenticated; `nil` elsewhere.
    var caller: TokenAuthenticator.Credentials?

    init(source: Source) {
        coreContext = .init(source: source)
        identifiers = IdentifierSource(seed: nil)
    }

    /// The grant ``AuthenticationMiddleware`` put here.
    /// - Throws: ``UnauthenticatedRoute`` when the route is not behind the middleware (a routing mistake, answered
    ///   as a logged 500).
    func requireGrant() throws -> TokenAuthenticator.Grant {
        guard let grant else { throw UnauthenticatedRoute() }
        return grant
    }

    /// The credentials ``AuthenticationMiddleware`` put here on a route without a project in its path.
    /// - Throws: ``UnauthenticatedRoute`` when the route is not behind the middleware.
    func requireCaller() throws -> TokenAuthenticator.Credentials {
        guard let caller else { throw UnauthenticatedRoute() }
        return caller
    }
}

/// A handler asked for the grant on a route that is not behind ``AuthenticationMiddleware``.
struct UnauthenticatedRoute: Error {}
