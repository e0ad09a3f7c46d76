import Hummingbird

/// On the CSBS route group, before authentication: a `{provider_id}` in the path other than
/// ``CSBSController/providerID`` is answered like an unknown route (`APIGW.0101`), as the gateway does. Routes
/// without a provider in their path pass.
struct CSBSProviderMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let provider = context.parameters.get("provider_id"), provider != CSBSController.providerID {
            throw EmulatorError.routeNotFound
        }
        return try await next(request, context)
    }
}
