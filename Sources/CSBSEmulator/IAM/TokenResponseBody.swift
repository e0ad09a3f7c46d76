/// `POST /v3/auth/tokens` response body (§6.1, A.5); the token itself travels in `X-Subject-Token`.
struct TokenResponseBody: Encodable, Sendable {
    struct Token: Encodable, Sendable {
        var methods: [String]
        var catalog: [CatalogService]
        var issuedAt: String
        var expiresAt: String
        var project: Project
        var roles: [Role]
        var user: User
    }

    /// One service of the token's catalog: where OpenStack-ecosystem clients (openstacksdk, `otcextensions`) find
    /// it, by `type`.
    struct CatalogService: Encodable, Sendable {
        var type: String
        var id: String
        var name: String
        var endpoints: [Endpoint]
    }

    struct Endpoint: Encodable, Sendable {
        var id: String
        var interface: String
        var region: String
        var regionId: String
        var url: String
    }

    struct Reference: Encodable, Sendable {
        var id: String
        var name: String
    }

    struct Project: Encodable, Sendable {
        var id: String
        var name: String
        var domain: Reference
    }

    struct Role: Encodable, Sendable {
        var id: String
        var name: String
    }

    struct User: Encodable, Sendable {
        var id: String
        var name: String
        var passwordExpiresAt: String
        var domain: Reference
    }

    var token: Token

    /// The catalog of a token scoped to `project`: IAM (`identity`), CBR (`cbr`) and CSBS (`data-protect`, as
    /// OpenStack's Karbor names it, and `csbs`), each with one public endpoint of this emulator in the project's
    /// region (the emulator's regions are its projects' names). The CBR and CSBS URLs end with the project id, as
    /// the real catalog's do, so clients that append it (`otcextensions`) leave them as they are.
    static func catalog(origin: String, projectID: String, region: String) -> [CatalogService] {
        let services: [(type: String, name: String, url: String)] = [
            ("identity", "iam", origin + "/v3"),
            ("cbr", "cbr", origin + "/v3/" + projectID),
            ("data-protect", "csbs", origin + "/v1/" + projectID),
            ("csbs", "csbs", origin + "/v1/" + projectID),
        ]
        return services.map { service in
            CatalogService(
                type: service.type, id: service.type + "-" + region, name: service.name,
                endpoints: [
                    Endpoint(
                        id: service.type + "-" + region + "-public", interface: "public", region: region,
                        regionId: region, url: service.url
                    )
                ]
            )
        }
    }
}
