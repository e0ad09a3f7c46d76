import Foundation

/// The body of IAM's `POST /v3/auth/tokens` for the password method.
struct IAMTokenRequest: Encodable {
    var auth: Auth

    struct Auth: Encodable {
        var identity: Identity
        var scope: Scope
    }

    struct Identity: Encodable {
        var methods = ["password"]
        var password: Password
    }

    struct Password: Encodable {
        var user: User
    }

    struct User: Encodable {
        var name: String
        var password: String
        var domain: Named
    }

    struct Named: Encodable {
        var name: String
    }

    struct Scope: Encodable {
        var project: Project
    }

    struct Project: Encodable {
        var id: String?
        var name: String?
    }

    init(_ credentials: PasswordCredentials) {
        let project: Project
        switch credentials.project {
        case .id(let id): project = Project(id: id)
        case .name(let name): project = Project(name: name)
        }
        auth = Auth(
            identity: Identity(
                password: Password(
                    user: User(
                        name: credentials.userName, password: credentials.password,
                        domain: Named(name: credentials.domainName)
                    )
                )
            ),
            scope: Scope(project: project)
        )
    }
}

/// The parts of IAM's token response the client uses.
struct IAMTokenResponse: Decodable {
    var token: Token

    struct Token: Decodable {
        var expiresAt: String
        var project: Project?

        enum CodingKeys: String, CodingKey {
            case expiresAt = "expires_at"
            case project
        }
    }

    struct Project: Decodable {
        var id: String
        var name: String?
    }
}
