import Foundation

/// Which entries history keeps, like bash's `HISTCONTROL` and `HISTSIZE`.
public struct HistoryPolicy: Sendable, Equatable {
    /// The most entries kept in the file; older ones are dropped.
    public var limit: Int
    /// Skip an entry equal to the one before it.
    public var ignoreDuplicates: Bool
    /// Skip an entry typed with a leading space (a way to keep one line out of history).
    public var ignoreLeadingSpace: Bool

    /// The configured secrets (password, secret key, token) as values: a line holding one of them is never kept,
    /// whatever it is assigned to. Values shorter than ``minimumSecretLength`` are ignored, so that a short
    /// value cannot hide ordinary input.
    public var knownSecrets: Set<String>

    /// The shortest value treated as a known secret.
    public static let minimumSecretLength = 6

    public init(
        limit: Int = 2000, ignoreDuplicates: Bool = true, ignoreLeadingSpace: Bool = true, knownSecrets: Set<String> = []
    ) {
        self.limit = limit
        self.ignoreDuplicates = ignoreDuplicates
        self.ignoreLeadingSpace = ignoreLeadingSpace
        self.knownSecrets = knownSecrets.filter { $0.count >= Self.minimumSecretLength }
    }

    /// Reads `CSBS_HISTSIZE` (a count) and `CSBS_HISTCONTROL` (`ignoredups`, `ignorespace`, `ignoreboth`,
    /// or empty for none); unset means both ignores and 2000 entries. The values of secret-bearing variables
    /// (names containing `PASSWORD`, `SECRET`, `TOKEN`, or ending in `_SK`) become ``knownSecrets``.
    public init(environment: [String: String]) {
        self.init(knownSecrets: Set(environment.filter { Self.namesSecret($0.key) }.values))
        if let size = environment["CSBS_HISTSIZE"].flatMap(Int.init), size >= 0 { limit = size }
        if let control = environment["CSBS_HISTCONTROL"] {
            let options = Set(control.split(separator: ":").map(String.init))
            ignoreDuplicates = options.contains("ignoredups") || options.contains("ignoreboth")
            ignoreLeadingSpace = options.contains("ignorespace") || options.contains("ignoreboth")
        }
    }

    /// Whether an environment variable's name says it holds a secret.
    static func namesSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["PASSWORD", "SECRET", "TOKEN"].contains { upper.contains($0) } || upper.hasSuffix("_SK")
    }

    /// Whether `line` holds a configured secret's value.
    func holdsKnownSecret(_ line: String) -> Bool {
        knownSecrets.contains { line.contains($0) }
    }
}

/// The session's history: what was entered, filtered by the policy and by ``SecretDetector``, persisted to
/// a file (mode 0600 in a 0700 directory) as one escaped entry per line.
public struct History: Sendable {
    /// Entries, oldest first (including ones loaded from earlier sessions).
    public private(set) var entries: [String] = []
    /// Entries of this session only, in order, including ones history does not keep (for `history save`).
    public private(set) var sessionInputs: [String] = []
    public let policy: HistoryPolicy
    /// The file, or `nil` to keep history in memory only.
    public let path: String?

    public init(path: String?, policy: HistoryPolicy = HistoryPolicy()) {
        self.path = path
        self.policy = policy
    }

    /// Loads earlier sessions' entries; a missing or unreadable file means an empty history.
    public mutating func load() {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return }
        let text = String(decoding: data, as: UTF8.self)
        entries = text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.decode(String($0)) }
        if entries.count > policy.limit { entries.removeFirst(entries.count - policy.limit) }
    }

    /// Records an entered input.
    /// - Returns: Whether it was kept (and should be offered by the up arrow).
    @discardableResult
    public mutating func record(_ input: String) -> Bool {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        if SecretDetector.containsSecret(input) || policy.holdsKnownSecret(input) { return false }
        sessionInputs.append(trimmed)
        if policy.ignoreLeadingSpace, input.first == " " { return false }
        if policy.ignoreDuplicates, entries.last == trimmed { return false }
        guard policy.limit > 0 else { return false }
        entries.append(trimmed)
        if entries.count > policy.limit { entries.removeFirst(entries.count - policy.limit) }
        return true
    }

    /// Writes the entries to the file.
    /// - Throws: File system errors (the caller reports them and goes on).
    public func save() throws {
        guard let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        }
        let text = entries.map(Self.encode).joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(
            atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]
        ) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// The session's inputs as a runnable script.
    public func sessionScript() -> String {
        "#!/usr/bin/env csbs\n" + sessionInputs.map { $0 + "\n" }.joined()
    }

    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: String) -> String {
        var result = ""
        var escaping = false
        for character in line {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }
}
