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
            guard !word.quoted, !word.isVariable, credentialWords.contains(lowered) || lowered.hasSuffix("password") else {
                continue
            }
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
        /// A bare name inside `${…}`, which reads a variable.
        var isVariable = false
    }

    /// Splits into words: quoted strings (without quotes), `=`/`:` on their own, and runs of other text. The code
    /// of a `${…}` inside a double-quoted string is split the same way, so a string written there
    /// (`"${x ?? "…"}"`) is a quoted word of its own, and the text around the `${…}` is one quoted word each side.
    private static func tokens(of line: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        // What encloses the scan, innermost last: a double-quoted string or the code of a `${…}` in one; the line's
        // own code is at the bottom. A stack rather than recursion, so a line nesting strings without end costs no
        // stack.
        var levels = [Level(isString: false)]
        func flush() {
            // Inside `${…}` a bare name is a variable (`${password}` is `$password`): no credential's name.
            if !current.isEmpty { words.append(Word(text: current, quoted: false, isVariable: levels.count > 1)) }
            current = ""
        }
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            let top = levels.count - 1
            if levels[top].isString {
                switch character {
                case "\"":
                    if let word = levels[top].word(closing: true) { words.append(word) }
                    levels.removeLast()
                case "\\" where index < characters.count:
                    levels[top].text.append(characters[index])
                    index += 1
                case "$" where index < characters.count && characters[index] == "{":
                    index += 1
                    if let word = levels[top].word(closing: false) { words.append(word) }
                    levels[top].text = ""
                    levels[top].interpolates = true
                    levels.append(Level(isString: false))
                default:
                    levels[top].text.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                flush()
                levels.append(Level(isString: true))
            case "'":
                flush()
                var literal = ""
                while index < characters.count, characters[index] != "'" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    literal.append(characters[index])
                    index += 1
                }
                index += 1
                words.append(Word(text: literal, quoted: true))
            case "=", ":":
                flush()
                words.append(Word(text: String(character), quoted: false))
            case "{":
                flush()
                levels[top].braces += 1
            case "}":
                flush()
                if top > 0, levels[top].braces == 0 {
                    levels.removeLast()  // the end of a `${…}`: back in its string
                } else if levels[top].braces > 0 {
                    levels[top].braces -= 1
                }
            case " ", "\t", ";", "(", ")", ",":
                flush()
            default:
                current.append(character)
            }
        }
        flush()
        // Strings left open at the end of the line are words too.
        words += levels.reversed().compactMap { $0.isString ? $0.word(closing: true) : nil }
        return words
    }

    /// A string or the code of a `${…}` that encloses the scan of ``tokens(of:)``.
    private struct Level {
        let isString: Bool
        /// A string's text since its quote or its last `${…}`.
        var text = ""
        /// Whether a string has a `${…}`: its text pieces are words only when not empty, so that `"${password}"`
        /// reads as the variable it is, not as `password` followed by a literal "".
        var interpolates = false
        /// The code's open `{`.
        var braces = 0

        /// The string's text as a quoted word, at its closing quote or at a `${`; `nil` when that piece is an empty
        /// one beside a `${…}`.
        func word(closing: Bool) -> Word? {
            let kept = closing ? !interpolates || !text.isEmpty : !text.isEmpty
            return kept ? Word(text: text, quoted: true) : nil
        }
    }

    private static func isLiteral(_ word: Word) -> Bool {
        word.quoted || !(word.isVariable || word.text.hasPrefix("$"))
    }

    /// A Huawei secret access key is 40 characters of letters and digits.
    private static func looksLikeSecretKey(_ text: String) -> Bool {
        text.count == 40 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            && text.contains(where: \.isNumber) && text.contains(where: \.isLetter)
    }
}
