import Hummingbird

/// The route groups of the emulated API. ``Emulator/buildRouter(control:)`` creates one router group per case,
/// with its middleware; each ``APIController`` names the group its routes go in.
enum APIService: Sendable {
    /// IAM v3 (`/v3/auth/tokens`, `/v3/projects`): no project in the path; the handlers check credentials
    /// themselves, in Keystone's error shape.
    case iam
    /// CBR v3 under `/v3/{project_id}`, behind ``AuthenticationMiddleware``.
    case cbr
    /// CSBS v1 under `/v1/{project_id}`, behind the provider check and ``AuthenticationMiddleware``.
    case csbs
    /// CBR's account-level routes under `/v3` without a project (`/v3/region-projects`, `/v3/domain/…`), behind
    /// ``AuthenticationMiddleware`` for the token's project or the signed `X-Project-Id`.
    case cbrTenant

    /// The group's path prefix.
    var path: RouterPath {
        switch self {
        case .iam: "v3"
        case .cbr: "v3/:project_id"
        case .csbs: "v1/:project_id"
        case .cbrTenant: "v3"
        }
    }
}
