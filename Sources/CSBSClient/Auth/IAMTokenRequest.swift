import Foundation

/// The body of IAM's `POST /v3/auth/tokens` for the password method:
/// `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":…,"password":…,"domain":{"name":…}}}},
/// "scope":{"project":{"id" or "name":…}}}}`.
///
/// Written as text rather than through `JSONEncoder`: encoding its seven nested types was the encoder's first use
/// in a run, about 3.3 M instructions (8 %) of a one-shot run that logs in (callgrind), for four strings.
/// `IAMTokenRequestTests` reads the text back as JSON, with every kind of character a name or password can hold.
enum IAMTokenRequest {
    static func body(_ credentials: PasswordCredentials) -> Data {
        let project: String
        switch credentials.project {
        case .id(let id): project = "\"id\":" + quoted(id)
        case .name(let name): project = "\"name\":" + quoted(name)
        }
        let user = "{\"name\":\(quoted(credentials.userName)),\"password\":\(quoted(credentials.password)),"
            + "\"domain\":{\"name\":\(quoted(credentials.domainName))}}"
        let text = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":\(user)}},"
            + "\"scope\":{\"project\":{\(project)}}}}"
        return Data(text.utf8)
    }

    /// `value` as a JSON string: quote, backslash and control characters escaped, everything else as it is.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
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
