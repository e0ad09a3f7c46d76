import HTTPTypes
import Hummingbird

/// IAM v3: `POST /v3/auth/tokens` (password method, project or domain scope; the catalog unless `?nocatalog=true`),
/// `GET /v3/auth/tokens` (validation), `GET /v3/auth/projects`, `GET /v3/projects` and `GET /v3` (version discovery).
struct IAMController: APIController {
    static let subjectTokenHeader = HTTPField.Name("X-Subject-Token")!
    /// Token lifetime: 24 hours, in microseconds.
    static let tokenLifetime: Int64 = 24 * 3600 * 1_000_000

    static let service = APIService.iam
    static let routes: [APIRoute<Self>] = [
        .post("auth/tokens", operation: "keystone_create_user_token", use: Self.issueToken),
        .get("auth/tokens", operation: "keystone_validate_token", use: Self.validateToken),
        .get("auth/projects", operation: "keystone_list_auth_projects", use: Self.listAuthProjects),
        .get("projects", operation: "keystone_list_projects", use: Self.listProjects),
        .get("", operation: "keystone_show_version", use: Self.showVersion),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// Checks the credentials of `GET /v3/projects` (which has no project in its path).
    var authenticator: TokenAuthenticator { TokenAuthenticator(store: store, progress: progress) }

    @Sendable func issueToken(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await WireJSON.decode(TokenRequestBody.self, from: request) { _ in
            EmulatorError.keystoneBadRequest()
        }
        let auth = body.auth
        let user = auth.identity.password.user
        guard auth.identity.methods == ["password"], let domainName = user.domain.name,
            let scope = Self.scope(of: auth.scope)
        else { throw EmulatorError.keystoneBadRequest() }
        let issuedAt = progress.now()
        let (token, account, domain, granted) = try await store.issueToken(
            issuedAt: issuedAt, lifetime: Self.tokenLifetime,
            userName: user.name, domainName: domainName, password: user.password,
            scope: scope, identifiers: context.identifiers
        )
        let issued = try await tokenBody(token, user: account, domain: domain, scope: granted, for: request)
        let response = TokenResponseBody(token: issued)
        return try WireJSON.response(response, status: .created, headers: [Self.subjectTokenHeader: token.token])
    }

    /// `GET /v3/auth/tokens`: the token in `X-Subject-Token` as it was issued (with the catalog unless
    /// `?nocatalog=true`), for a caller with a valid `X-Auth-Token`; 404 for a token unknown or expired.
    @Sendable func validateToken(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard try await authenticator.credentials(for: request)?.token != nil else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        guard let value = request.headers[Self.subjectTokenHeader], !value.isEmpty,
            let found = try await store.token(value), progress.now() < found.token.expiresAt,
            let domain = try await store.domain(id: found.user.domainId)
        else { throw EmulatorError.keystoneTokenNotFound }
        let body = try await tokenBody(found.token, user: found.user, domain: domain, scope: found.scope, for: request)
        return try WireJSON.response(TokenResponseBody(token: body), headers: [Self.subjectTokenHeader: found.token.token])
    }

    /// `GET /v3/auth/projects`: the projects the caller's token may be scoped to (those of its account), in the
    /// shape of `GET /v3/projects`.
    @Sendable func listAuthProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let caller = try await authenticator.credentials(for: request) else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        let projects = try await store.projects(domainID: caller.user.domainId, name: nil)
        let origin = Self.origin(of: request)
        return try WireJSON.response(ProjectListBody(projects, base: origin + "/v3/projects", selfLink: origin + "/v3/auth/projects"))
    }

    @Sendable func listProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let caller = try await authenticator.credentials(for: request) else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        let name = request.uri.queryParameters.get("name")
        let projects = try await store.projects(domainID: caller.user.domainId, name: name)
        let base = Self.origin(of: request) + "/v3/projects"
        let body = ProjectListBody(projects, base: base, selfLink: base + (name.map { "?name=\($0)" } ?? ""))
        return try WireJSON.response(body)
    }

    /// `GET /v3`: Keystone's version document, which OpenStack clients read (version discovery) before they log in.
    /// No credentials, as on the real IAM.
    @Sendable func showVersion(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try WireJSON.response(VersionBody(origin: Self.origin(of: request)))
    }

    /// `scheme://host[:port]` of a request, as links and catalog URLs in answers name the emulator. A request line
    /// in origin form carries no scheme; the emulator serves plain HTTP, so that is `http`.
    static func origin(of request: Request) -> String {
        "\(request.uri.scheme?.rawValue ?? "http")://\(request.head.authority ?? "")"
    }

    /// The scope a token request asks for: exactly one of a project and an account (domain), each by id or name;
    /// `nil` for none, both, or one without either.
    static func scope(of scope: TokenRequestBody.Scope) -> TokenScope.Request? {
        switch (scope.project, scope.domain) {
        case (let project?, nil) where project.id != nil || project.name != nil:
            .project(id: project.id, name: project.name)
        case (nil, let domain?) where domain.id != nil || domain.name != nil:
            .domain(id: domain.id, name: domain.name)
        default:
            nil
        }
    }

    /// A token's body: `project` for a project-scoped token, `domain` for a domain-scoped one (Keystone's shape),
    /// with the catalog unless the request asks for none (`?nocatalog=true`: csbs itself, the Huawei SDK).
    private func tokenBody(
        _ token: TokenRecord,
        user: UserRecord,
        domain: DomainRecord,
        scope: TokenScope,
        for request: Request
    ) async throws -> TokenResponseBody.Token {
        let domainReference = TokenResponseBody.Reference(id: domain.id, name: domain.name)
        var catalog: [TokenResponseBody.CatalogService] = []
        if request.uri.queryParameters.get("nocatalog") != "true" {
            let origin = Self.origin(of: request)
            switch scope {
            case .project(let project):
                catalog = TokenResponseBody.catalog(origin: origin, projectID: project.id, regions: [project.name])
            case .domain(let domain):
                let regions = try await store.projects(domainID: domain.id, name: nil).map(\.name)
                catalog = TokenResponseBody.catalog(origin: origin, projectID: nil, regions: regions)
            }
        }
        return TokenResponseBody.Token(
            methods: ["password"],
            catalog: catalog,
            issuedAt: WireTime.iam(token.issuedAt),
            expiresAt: WireTime.iam(token.expiresAt),
            project: scope.project.map { .init(id: $0.id, name: $0.name, domain: domainReference) },
            domain: scope.project == nil ? domainReference : nil,
            roles: [.init(id: "0", name: "te_admin")],
            user: .init(id: user.id, name: user.name, passwordExpiresAt: "", domain: domainReference)
        )
    }
}

/// `GET /v3`: the identity API's version (Keystone's shape, which keystoneauth reads).
struct VersionBody: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        var id = "v3.0"
        var status = "stable"
        var updated = "2013-03-06T00:00:00Z"
        var links: [Link]
        var mediaTypes = [MediaType()]

        enum CodingKeys: String, CodingKey {
            case id, status, updated, links
            case mediaTypes = "media-types"
        }
    }

    struct Link: Encodable, Sendable {
        var rel = "self"
        var href: String
    }

    struct MediaType: Encodable, Sendable {
        var base = "application/json"
        var type = "application/vnd.openstack.identity-v3+json"
    }

    var version: Version

    init(origin: String) {
        version = Version(links: [Link(href: origin + "/v3/")])
    }
}
