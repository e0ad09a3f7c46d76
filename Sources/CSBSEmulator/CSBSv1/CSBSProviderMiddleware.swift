import Hummingbird

/// On the CSBS route group, after authentication: a `{provider_id}` in the path other than
/// ``CSBSController/providerID`` is a parameter error, `400 CSBS.9001` ("provider invalid", API reference §4.4),
/// as the service answers it. Routes without a provider in their path pass.
struct CSBSProviderMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let provider = context.parameters.get("provider_id"), provider != CSBSController.providerID {
            throw EmulatorError.csbsInvalid("provider invalid: \(provider.prefix(64)) is not the CSBS provider id.")
        }
        return try await next(request, context)
    }
}
