import Hummingbird

/// What the service supports in the caller's region: `cbr-features` and `replication-capabilities`. The answers
/// follow from the emulator's projects: each is a region, and every other region is a replication destination.
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
        let region = grant.project.name
        return try WireJSON.response(FeatureValue.features(region: region, destinations: try await destinations(region)))
    }

    /// `GET /cbr-features/{feature_key}`: `{key: value}`; a key the service does not know is 400.
    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let key = try context.parameters.require("feature_key")
        try Self.checkPaging(request)
        let region = grant.project.name
        guard let value = FeatureValue.features(region: region, destinations: try await destinations(region))[key] else {
            throw EmulatorError.invalidParameter("The feature key '\(key)' is not supported.")
        }
        return try WireJSON.response([key: value])
    }

    /// `GET /replication-capabilities`: the caller's region and the regions it replicates to.
    @Sendable func replication(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let name = grant.project.name
        let region = ReplicationCapabilitiesBody.Region(name: name, replicationDestinations: try await destinations(name))
        return try WireJSON.response(ReplicationCapabilitiesBody(regions: [region]))
    }

    /// The regions `region` replicates to: every other region the emulator has a project in.
    private func destinations(_ region: String) async throws -> [String] {
        try await store.regions().filter { $0 != region }
    }

    /// `limit` (1...1000) and `offset` (0...1000) are accepted and checked; the answer is one object, not paged.
    private static func checkPaging(_ request: Request) throws {
        let query = request.uri.queryParameters
        _ = try query.integer("limit", in: 1...1000, default: 1000)
        _ = try query.integer("offset", in: 0...1000, default: 0)
    }
}
