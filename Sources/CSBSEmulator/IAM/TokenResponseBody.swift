/// `POST /v3/auth/tokens` response body (§6.1, A.5); the token itself travels in `X-Subject-Token`.
struct TokenResponseBody: Encodable, Sendable {
    struct Token: Encodable, Sendable {
        var methods: [String]
        var catalog: [String]
        var issuedAt: String
        var expiresAt: String
        var project: Project
        var roles: [Role]
        var user: User
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
}
