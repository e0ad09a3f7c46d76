import FoundationEssentials

/// Decides whether a line of input carries a secret literal, so that it is never written to history.
///
/// A line is secret when a credential-like word (`password`, `secret`, `token`, `sk`, `ak`, `key`, …) is
/// followed by a literal value (a quoted string or `=`/`:` and a value), or when it holds a literal that
/// looks like a credential itself (an IAM token `MII…`, a 40-character secret key). Reading a secret from
/// the environment (`$env.OS_PASSWORD`) is not a literal and is kept.
public enum SecretDetector {
    private static let credentialWords: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "secretkey", "secret_key", "secret-key", "sk",
        "ak", "accesskey", "access_key", "access-key", "token", "auth_token", "security_token",
        "security-token", "securitytoken", "credential", "credentials", "apikey", "api_key",
    ]

    /// Whether `line` should be kept out of history.
    public static func containsSecret(_ line: String) -> Bool {
        if urlCarriesCredentials(line) { return true }
        let words = tokens(of: line)
        for (index, word) in words.enumerated() {
            let lowered = word.text.lowercased()
            if lowered.hasPrefix("mii"), word.text.count >= 100 { return true }
            if word.quoted, looksLikeSecretKey(word.text) { return true }
            guard !word.quoted, credentialWords.contains(lowered) || lowered.hasSuffix("password") else { continue }
            var next = index + 1
            if next < words.count, !words[next].quoted, ["=", ":"].contains(words[next].text) { next += 1 }
            if next < words.count, isLiteral(words[next]) { return true }
        }
        return false
    }

    /// Whether a URL anywhere in `text` carries a password in its user info (`https://user:pw@host`) or a
    /// credential in its query (`?token=…`, `&password=…`, `&X-Auth-Token=…`).
    public static func urlCarriesCredentials(_ text: String) -> Bool {
        var rest = Substring(text)
        while let scheme = rest.firstRange(of: "://") {
            let after = rest[scheme.upperBound...]
            let end = after.firstIndex { " \t\n\"'".contains($0) } ?? after.endIndex
            let url = after[..<end]
            let authority = url.prefix { !"/?#".contains($0) }
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
            if let query = url.firstIndex(of: "?") {
                for pair in url[url.index(after: query)...].split(whereSeparator: { $0 == "&" || $0 == "#" }) {
                    let name = pair.prefix { $0 != "=" }.lowercased()
                    if pair.contains("="), credentialQueryNames.contains(name) || credentialWords.contains(name) {
                        return true
                    }
                }
            }
            rest = after[end...]
        }
        return false
    }

    /// Query parameter names that carry a credential, besides ``credentialWords``.
    private static let credentialQueryNames: Set<String> = [
        "x-auth-token", "access_token", "x-security-token", "signature", "x-amz-signature", "sig", "passcode",
    ]

    private struct Word {
        var text: String
        var quoted: Bool
    }

    /// Splits into words: quoted strings (without quotes), `=`/`:` on their own, and runs of other text.
    private static func tokens(of line: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var iterator = line.makeIterator()
        func flush() {
            if !current.isEmpty { words.append(Word(text: current, quoted: false)) }
            current = ""
        }
        while let character = iterator.next() {
            switch character {
            case "\"", "'":
                flush()
                var literal = ""
                while let inner = iterator.next(), inner != character {
                    if inner == "\\", let escaped = iterator.next() { literal.append(escaped) } else { literal.append(inner) }
                }
                words.append(Word(text: literal, quoted: true))
            case "=", ":":
                flush()
                words.append(Word(text: String(character), quoted: false))
            case " ", "\t", ";", "{", "}", "(", ")", ",":
                flush()
            default:
                current.append(character)
            }
        }
        flush()
        return words
    }

    private static func isLiteral(_ word: Word) -> Bool {
        word.quoted || !(word.text.hasPrefix("$"))
    }

    /// A Huawei secret access key is 40 characters of letters and digits.
    private static func looksLikeSecretKey(_ text: String) -> Bool {
        text.count == 40 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            && text.contains(where: \.isNumber) && text.contains(where: \.isLetter)
    }
}
