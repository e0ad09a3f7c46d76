import Hummingbird

/// What the service supports in the caller's region: `cbr-features` and `replication-capabilities`. The answers
/// follow from the emulator itself (one region per project, no replication), not from stored state.
struct FeatureController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .get("cbr-features", operation: "list_features", use: Self.list),
        .get("cbr-features/:feature_key", operation: "show_feature", use: Self.show),
        .get("replication-capabilities", operation: "show_replication_capabilities", use: Self.replication),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `GET /cbr-features`: every feature key with its value.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        try Self.checkPaging(request)
        return try WireJSON.response(FeatureValue.features(region: grant.project.name))
    }

    /// `GET /cbr-features/{feature_key}`: `{key: value}`; a key the service does not know is 400.
    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let key = try context.parameters.require("feature_key")
        try Self.checkPaging(request)
        guard let value = FeatureValue.features(region: grant.project.name)[key] else {
            throw EmulatorError.invalidParameter("The feature key '\(key)' is not supported.")
        }
        return try WireJSON.response([key: value])
    }

    /// `GET /replication-capabilities`: the caller's region, which replicates nowhere.
    @Sendable func replication(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let region = ReplicationCapabilitiesBody.Region(name: grant.project.name, replicationDestinations: [])
        return try WireJSON.response(ReplicationCapabilitiesBody(regions: [region]))
    }

    /// `limit` (1...1000) and `offset` (0...1000) are accepted and checked; the answer is one object, not paged.
    private static func checkPaging(_ request: Request) throws {
        let query = request.uri.queryParameters
        _ = try query.integer("limit", in: 1...1000, default: 1000)
        _ = try query.integer("offset", in: 0...1000, default: 0)
    }
}
