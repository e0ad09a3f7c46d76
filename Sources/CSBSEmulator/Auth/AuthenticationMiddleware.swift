import Hummingbird

/// Authenticates every request of the CBR (`/v3/{project_id}`) and CSBS (`/v1/{project_id}`) route groups for the
/// project in its path (an IAM token or an AK/SK signature, see ``TokenAuthenticator/authorize(_:projectID:)``) and
/// puts the grant in ``EmulatorRequestContext/grant`` for the handler. Without valid credentials the request ends
/// here: 401 `APIGW.0301`, or 403 for another project or a domain-scoped token. A route without a project in its path
/// (``APIService/cbrTenant``) is authorized for the token's project or account, or the signed `X-Project-Id`, and
/// gets ``EmulatorRequestContext/caller`` instead.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let authenticator: TokenAuthenticator

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let projectID = context.parameters.get("project_id") {
            context.grant = try await authenticator.authorize(request, projectID: projectID)
        } else {
            context.caller = try await authenticator.authorize(request)
        }
        return try await next(request, context)
    }
}
