import CSBSLocalFiles
import CSBSPlatform
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The csbs profiles file: named profiles of region, endpoints and credentials, in a small INI-like format.
///
/// ```
/// # ~/.config/csbs/config (mode 0600)
/// [default]
/// region = cn-north-4
///
/// [profile prod]
/// auth = password            # password | token | access-key
/// region = cn-north-4
/// user = ops
/// domain = acme
/// password = …
/// project_name = cn-north-4  # or project_id = …
///
/// [profile lab]
/// auth = access-key
/// access_key = …
/// secret_key = …
/// security_token = …         # temporary keys only
/// project_id = …             # or leave out to look it up by region
/// cbr_endpoint = https://cbr.lab.example.com
/// iam_endpoint = https://iam.lab.example.com
/// csbs_endpoint = https://csbs.lab.example.com
/// ca_bundle = /etc/ssl/lab-ca.pem
/// insecure_skip_tls_verification = false
/// ```
///
/// A section is `[default]`, `[name]` or `[profile name]`; `key = value` lines belong to the section above;
/// `#` and `;` start comment lines; values may be wrapped in double quotes. Like ssh with private keys, a file
/// that its group or others can read or write is refused.
public struct ProfileFile: Sendable, Hashable {
    /// Profiles by name.
    public var profiles: [String: Profile]
    /// Where the file was read from.
    public var path: String

    /// One named profile: its settings, keys lower-cased.
    public struct Profile: Sendable, Hashable {
        public var name: String
        public var settings: [String: String]

        /// The setting `key`, `nil` when absent or empty.
        public subscript(key: String) -> String? {
            guard let value = settings[key], !value.isEmpty else { return nil }
            return value
        }
    }

    /// The keys a profile may contain; anything else is a typo and an error.
    public static let knownKeys: Set<String> = [
        "auth", "region", "user", "domain", "password", "project_name", "project_id", "token", "access_key",
        "secret_key", "security_token", "cbr_endpoint", "csbs_endpoint", "iam_endpoint", "ca_bundle",
        "insecure_skip_tls_verification", "request_timeout",
    ]

    /// Parses the text of a profiles file.
    /// - Throws: ``ClientError`` `.configuration` naming the file and line of the first malformed line.
    public static func parse(_ text: String, path: String) throws -> ProfileFile {
        var profiles: [String: Profile] = [:]
        var current: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmed()
            let number = index + 1
            func failure(_ message: String) -> ClientError {
                ClientError(kind: .configuration, message: "\(path):\(number): \(message)")
            }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw failure("a section header must end with ']'") }
                var name = String(line.dropFirst().dropLast()).trimmed()
                if name.hasPrefix("profile ") { name = String(name.dropFirst(8)).trimmed() }
                guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                    throw failure("a profile name must be one word")
                }
                guard profiles[name] == nil else { throw failure("profile '\(name)' is defined twice") }
                profiles[name] = Profile(name: name, settings: [:])
                current = name
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw failure("expected 'key = value' or '[profile name]'") }
            guard let section = current else { throw failure("a setting must follow a '[profile name]' header") }
            let key = String(line[..<equals]).trimmed().lowercased()
            var value = String(line[line.index(after: equals)...]).trimmed()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard knownKeys.contains(key) else {
                let known = knownKeys.sorted()
                let hint = Suggestion.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw failure("unknown setting '\(key)'\(hint) (known: \(known.joined(separator: ", ")))")
            }
            guard profiles[section]?.settings[key] == nil else { throw failure("'\(key)' is set twice") }
            profiles[section]?.settings[key] = value
        }
        return ProfileFile(profiles: profiles, path: path)
    }

    /// The largest profiles file read (1 MiB); a larger one is a configuration error, never read whole.
    public static let maximumSize = 1 << 20

    /// Reads the file at `path`; `nil` when it does not exist.
    /// - Throws: `.configuration` when the file is readable or writable by group or others, belongs to another
    ///   user, is larger than ``maximumSize``, cannot be read, or is malformed.
    public static func load(path: String) throws -> ProfileFile? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else {
            throw ClientError(
                kind: .configuration,
                message: "refusing \(path): it is accessible by group or others (mode \(String(mode, radix: 8))) and may "
                    + "hold secrets; run: chmod 600 \(path)"
            )
        }
        guard info.st_uid == getuid() else {
            throw ClientError(kind: .configuration, message: "refusing \(path): it belongs to another user")
        }
        let data: Data
        do {
            data = try LocalFiles.read(path, limit: maximumSize)
        } catch let failure as LocalFiles.Failure {
            throw ClientError(kind: .configuration, message: "profiles file: \(failure)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ClientError(kind: .configuration, message: "\(path) is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// The profiles file for this environment: `CSBS_CONFIG_FILE`, else `$XDG_CONFIG_HOME/csbs/config`, else
    /// `$HOME/.config/csbs/config`; `nil` when none can be named.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let path = environment["CSBS_CONFIG_FILE"], !path.isEmpty { return path }
        if let base = environment["XDG_CONFIG_HOME"], !base.isEmpty { return base + "/csbs/config" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/csbs/config" }
        return nil
    }
}
