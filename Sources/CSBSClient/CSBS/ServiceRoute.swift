/// Which service a call goes to: CBR (`{cbr}/v3/{project_id}…`, the default) or CSBS (`{csbs}/v1/{project_id}…`).
///
/// The CSBS operations bind ``current`` around their calls, so the one request loop (`perform`, retries,
/// re-login, reconciliation, AK/SK signing) serves both services.
enum ServiceRoute: Sendable, Hashable {
    case cbr
    case csbs

    /// The service of the calls made in the current task.
    @TaskLocal static var current: ServiceRoute = .cbr

    /// The service's base URL.
    func base(_ endpoints: ServiceEndpoints) -> String {
        switch self {
        case .cbr: endpoints.cbr
        case .csbs: endpoints.csbs
        }
    }

    /// The version segment that precedes the project id, with its slashes.
    var version: String {
        switch self {
        case .cbr: "/v3/"
        case .csbs: "/v1/"
        }
    }
}
