import CSBSPlatform
import FoundationEssentials

/// The body of IAM's `POST /v3/auth/tokens` for the password method:
/// `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":…,"password":…,"domain":{"name":…}}}},
/// "scope":{"project":{"id" or "name":…}}}}`.
///
/// Written as text rather than through `JSONEncoder`: encoding its seven nested types was the encoder's first use
/// in a run, about 3.3 M instructions (8 %) of a one-shot run that logs in (callgrind), for four strings.
/// `IAMTokenRequestTests` reads the text back as JSON, with every kind of character a name or password can hold;
/// strings are escaped by ``JSONText``, as script values written as JSON are.
enum IAMTokenRequest {
    static func body(_ credentials: PasswordCredentials) -> Data {
        let project: String
        switch credentials.project {
        case .id(let id): project = "\"id\":" + JSONText.quoted(id)
        case .name(let name): project = "\"name\":" + JSONText.quoted(name)
        }
        let name = JSONText.quoted(credentials.userName)
        let password = JSONText.quoted(credentials.password)
        let domain = JSONText.quoted(credentials.domainName)
        let user = "{\"name\":\(name),\"password\":\(password),\"domain\":{\"name\":\(domain)}}"
        let text = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":\(user)}},"
            + "\"scope\":{\"project\":{\(project)}}}}"
        return Data(text.utf8)
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
