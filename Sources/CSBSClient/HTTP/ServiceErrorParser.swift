import CSBSPlatform
import FoundationEssentials

/// Turns an error response into a ``ClientError``, whatever shape its body has.
///
/// Tried in order: `error_code`/`error_msg` (CBR, CSBS, API gateway, IAM), `errorCode`/`errorMsg`,
/// `code`/`message`, then one nested object (keystone's `{"error": {"code": 401, "message": …}}`).
/// A body that is not JSON (a proxy's HTML page) becomes a short, sanitised excerpt.
enum ServiceErrorParser {
    static func error(from response: HTTPResponse, operation: String) -> ClientError {
        let requestID = response.header("X-Request-Id")
        let kind: ClientError.Kind = response.status == 401 || response.status == 403 ? .authentication : .service
        let body = try? JSONValue(parsing: response.body)
        if let body, body.members != nil, let (code, message) = codeAndMessage(in: body) {
            let requestID = requestID ?? body["request_id"]?.string
            return ClientError(
                kind: kind, operation: operation, status: response.status, code: code, message: message,
                requestID: requestID
            )
        }
        if (300..<400).contains(response.status) {
            let target = response.header("Location").map(Self.location) ?? "no Location"
            return ClientError(
                kind: kind, operation: operation, status: response.status,
                message: "the service redirects to \(target); csbs does not follow redirects (credentials go only to the "
                    + "configured endpoint): configure that endpoint if it is the right one",
                requestID: requestID
            )
        }
        let excerpt = Self.excerpt(response.body)
        let message = excerpt.isEmpty ? "HTTP \(response.status) with an empty body" : "unexpected response: \(excerpt)"
        return ClientError(kind: kind, operation: operation, status: response.status, message: message, requestID: requestID)
    }

    private static func codeAndMessage(in object: JSONValue) -> (String?, String)? {
        let pairs = [("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")]
        for (codeKey, messageKey) in pairs {
            if let message = object[messageKey]?.string {
                return (text(object[codeKey]), message)
            }
        }
        for member in object.members ?? [] {
            if member.value.members != nil, let found = codeAndMessage(in: member.value) {
                return found
            }
        }
        return nil
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let string): string
        case .integer(let integer): String(integer)
        case .number(let number): JSONValue.numberText(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// A redirect's `Location` for a message: scheme, host, port and path only (a query may carry a secret), with
    /// anything but printable ASCII shown as `?`, at most 200 characters.
    static func location(_ value: String) -> String {
        var shown: String
        if let components = URLComponents(string: value.trimmed()), let host = components.host {
            shown = "\(components.scheme ?? "http")://\(host)" + (components.port.map { ":\($0)" } ?? "")
                + components.percentEncodedPath
        } else {
            shown = String(value.prefix { $0 != "?" && $0 != "#" })
        }
        shown = String(shown.unicodeScalars.map { (0x21...0x7e).contains($0.value) ? Character($0) : "?" })
        return shown.count > 200 ? shown.prefix(200) + "…" : shown
    }

    /// At most 160 printable characters of a body, whitespace collapsed.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        var result = ""
        var lastWasSpace = false
        for character in text {
            let printable = character.isLetter || character.isNumber || character.isPunctuation || character.isSymbol
            if printable {
                result.append(character)
                lastWasSpace = false
            } else if !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
            if result.count >= 160 {
                return result.trimmed() + "…"
            }
        }
        return result.trimmed()
    }
}
