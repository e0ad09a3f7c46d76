/// `POST /v3/auth/tokens` body, password method (§6.1). Only what the emulator reads is modelled.
struct TokenRequestBody: Decodable, Sendable {
    struct Auth: Decodable, Sendable {
        var identity: Identity
        var scope: Scope
    }

    struct Identity: Decodable, Sendable {
        var methods: [String]
        var password: Password
    }

    struct Password: Decodable, Sendable {
        var user: User
    }

    struct User: Decodable, Sendable {
        var name: String
        var password: String
        var domain: Named
    }

    struct Named: Decodable, Sendable {
        var id: String?
        var name: String?
    }

    struct Scope: Decodable, Sendable {
        var project: Named?
        var domain: Named?
    }

    var auth: Auth
}
