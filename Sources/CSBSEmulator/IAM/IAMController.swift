import HTTPTypes
import Hummingbird

/// IAM v3: `POST /v3/auth/tokens` (password method, project scope; the catalog unless `?nocatalog=true`),
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
            let scope = auth.scope.project, scope.id != nil || scope.name != nil
        else { throw EmulatorError.keystoneBadRequest() }
        let issuedAt = progress.now()
        let (token, account, domain, project) = try await store.issueToken(
            issuedAt: issuedAt, lifetime: Self.tokenLifetime,
            userName: user.name, domainName: domainName, password: user.password,
            projectID: scope.id, projectName: scope.name, identifiers: context.identifiers
        )
        let response = TokenResponseBody(
            token: tokenBody(token, user: account, domain: domain, project: project, for: request)
        )
        return try WireJSON.response(response, status: .created, headers: [Self.subjectTokenHeader: token.token])
    }

    /// `GET /v3/auth/tokens`: the token in `X-Subject-Token` as it was issued (with the catalog unless
    /// `?nocatalog=true`), for a caller with a valid `X-Auth-Token`; 404 for a token unknown or expired.
    @Sendable func validateToken(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard try await authenticator.grant(for: request)?.token != nil else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        guard let value = request.headers[Self.subjectTokenHeader], !value.isEmpty,
            let (token, user, project) = try await store.token(value), progress.now() < token.expiresAt,
            let (_, domain) = try await store.projectAndDomain(projectID: project.id)
        else { throw EmulatorError.keystoneTokenNotFound }
        let response = TokenResponseBody(token: tokenBody(token, user: user, domain: domain, project: project, for: request))
        return try WireJSON.response(response, headers: [Self.subjectTokenHeader: token.token])
    }

    /// `GET /v3/auth/projects`: the projects the caller's token may be scoped to (those of its account), in the
    /// shape of `GET /v3/projects`.
    @Sendable func listAuthProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let grant = try await authenticator.grant(for: request) else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        let projects = try await store.projects(domainID: grant.user.domainId, name: nil)
        let origin = Self.origin(of: request)
        return try WireJSON.response(ProjectListBody(projects, base: origin + "/v3/projects", selfLink: origin + "/v3/auth/projects"))
    }

    @Sendable func listProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let grant = try await authenticator.grant(for: request) else {
            throw EmulatorError.keystoneAuthenticationRequired
        }
        let name = request.uri.queryParameters.get("name")
        let projects = try await store.projects(domainID: grant.user.domainId, name: name)
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

    private func tokenBody(
        _ token: TokenRecord,
        user: UserRecord,
        domain: DomainRecord,
        project: ProjectRecord,
        for request: Request
    ) -> TokenResponseBody.Token {
        // The catalog, unless the request asks for none (`?nocatalog=true`: csbs itself, the Huawei SDK).
        let catalog =
            request.uri.queryParameters.get("nocatalog") == "true"
            ? [] : TokenResponseBody.catalog(origin: Self.origin(of: request), projectID: project.id, region: project.name)
        let domainReference = TokenResponseBody.Reference(id: domain.id, name: domain.name)
        return TokenResponseBody.Token(
            methods: ["password"],
            catalog: catalog,
            issuedAt: WireTime.iam(token.issuedAt),
            expiresAt: WireTime.iam(token.expiresAt),
            project: .init(id: project.id, name: project.name, domain: domainReference),
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
