/// `POST /v3/auth/tokens` response body (§6.1, A.5); the token itself travels in `X-Subject-Token`.
struct TokenResponseBody: Encodable, Sendable {
    struct Token: Encodable, Sendable {
        var methods: [String]
        var catalog: [CatalogService]
        var issuedAt: String
        var expiresAt: String
        /// The project of a project-scoped token (absent for a domain-scoped one).
        var project: Project?
        /// The account of a domain-scoped token (absent for a project-scoped one).
        var domain: Reference?
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

    /// A token's catalog: IAM (`identity`) and, for a token scoped to the project `projectID`, CBR (`cbr`) and CSBS
    /// (`data-protect`, as OpenStack's Karbor names it, and `csbs`), each with one public endpoint of this emulator
    /// per region (the emulator's regions are its projects' names: the project's for a project-scoped token, every
    /// project's of the account for a domain-scoped one). The CBR and CSBS URLs end with the project id, as the real
    /// catalog's do, so clients that append it (`otcextensions`) leave them as they are; without a project there is
    /// no such URL, so a domain-scoped token's catalog names IAM only.
    static func catalog(origin: String, projectID: String?, regions: [String]) -> [CatalogService] {
        var services: [(type: String, name: String, url: String)] = [("identity", "iam", origin + "/v3")]
        if let projectID {
            services += [
                ("cbr", "cbr", origin + "/v3/" + projectID),
                ("data-protect", "csbs", origin + "/v1/" + projectID),
                ("csbs", "csbs", origin + "/v1/" + projectID),
            ]
        }
        return services.map { service in
            CatalogService(
                type: service.type, id: service.type, name: service.name,
                endpoints: regions.map { region in
                    Endpoint(
                        id: service.type + "-" + region + "-public", interface: "public", region: region,
                        regionId: region, url: service.url
                    )
                }
            )
        }
    }
}
