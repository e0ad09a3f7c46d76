import CSBSPlatform
import FoundationEssentials

/// Removes secrets from what the client shows: header values, JSON bodies, URLs.
///
/// Header values of `X-Auth-Token`, `X-Subject-Token`, `X-Security-Token`, `Authorization`, `Cookie`,
/// `Set-Cookie` and `Proxy-Authorization` become `<redacted>`. In bodies, the value of every JSON member whose
/// name contains `password`, `secret`, `token`, `signature`, `credential`, `sk` or `security` (compared
/// case-insensitively) becomes `"<redacted>"`, at any depth; a body that is not JSON is shown only as its length.
public enum Redactor {
    /// The replacement text.
    public static let mask = "<redacted>"

    static let secretHeaders: Set<String> = [
        "x-auth-token", "x-subject-token", "x-security-token", "authorization", "cookie", "set-cookie",
        "proxy-authorization",
    ]

    /// Whether a header's value must never be shown.
    public static func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains(name.lowercased())
    }

    /// The headers with secret values masked.
    public static func headers(_ headers: [(String, String)]) -> [RedactedHeader] {
        headers.map { RedactedHeader(name: $0.0, value: isSecretHeader($0.0) ? mask : $0.1) }
    }

    /// Whether a JSON member or query parameter with this name holds a secret.
    public static func isSecretField(_ name: String) -> Bool {
        // Compared as ASCII bytes: Foundation's `String.contains(String)` goes through NSString, and every run
        // asks this of each environment variable (about 5 % of a one-shot `csbs -c …`'s instructions).
        let lower = name.utf8.map { (65...90).contains($0) ? $0 | 0x20 : $0 }
        if lower.elementsEqual("sk".utf8) || lower.elementsEqual("ak_sk".utf8) { return true }
        return secretFieldWords.contains { word in
            lower.count >= word.count && (0...(lower.count - word.count)).contains { start in
                lower[start..<start + word.count].elementsEqual(word)
            }
        }
    }

    private static let secretFieldWords = ["password", "secret", "token", "signature", "credential", "security"].map {
        Array($0.utf8)
    }

    /// A redacted excerpt of a body: at most `limit` characters of re-serialised JSON with secrets masked,
    /// `"<N bytes, not JSON>"` for anything else, `nil` for an empty body.
    public static func body(_ data: Data?, limit: Int = 2048) -> String? {
        guard let data, !data.isEmpty else { return nil }
        guard data.count <= 1_048_576, let value = try? JSONValue(parsing: data) else {
            return "<\(data.count) bytes, not JSON>"
        }
        let text = redact(value).text
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// The URL with the password of its user info (`https://user:pw@host`) and the values of secret-looking
    /// query parameters masked.
    public static func url(_ url: String) -> String {
        var url = url
        if let scheme = url.firstRange(of: "://") {
            let authorityEnd = url[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
            let authority = url[scheme.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                url.replaceSubrange(url.index(after: colon)..<at, with: mask)
            }
        }
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isSecretField(PercentDecoding.decode(String(parts[0]))) else {
                return String(pair)
            }
            return parts[0] + "=" + mask
        }
        return url[..<question] + "?" + pairs.joined(separator: "&")
    }

    /// Free text (a line of output, an error message, an echoed value) with every configured secret's value
    /// masked and every URL in it passed through ``url(_:)``. Values shorter than ``minimumSecretLength`` are not
    /// looked for, so that a short value cannot mask ordinary words.
    public static func text(_ text: String, secrets: Set<String>) -> String {
        var result = text
        for secret in secrets where secret.count >= minimumSecretLength && result.contains(secret) {
            result = result.replacingAll(secret, with: mask)
        }
        guard result.contains("://") else { return result }
        var output = ""
        var rest = Substring(result)
        while let scheme = rest.firstRange(of: "://") {
            let start = rest[..<scheme.lowerBound].lastIndex { !($0.isLetter || $0.isNumber || "+-.".contains($0)) }
                .map { rest.index(after: $0) } ?? rest.startIndex
            let end = rest[scheme.upperBound...].firstIndex { $0.isWhitespace || "\"'<>`".contains($0) } ?? rest.endIndex
            output += rest[..<start] + url(String(rest[start..<end]))
            rest = rest[end...]
        }
        return output + rest
    }

    /// The shortest configured secret ``text(_:secrets:)`` masks.
    public static let minimumSecretLength = 6

    private static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { member in
                let hidden = isSecretField(member.name) && member.value.members == nil
                return JSONValue.Member(member.name, hidden ? .string(mask) : redact(member.value))
            })
        case .array(let items):
            return .array(items.map(redact))
        default:
            return value
        }
    }
}
