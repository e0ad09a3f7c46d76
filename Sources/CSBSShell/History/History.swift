import CSBSPlatform
import FoundationEssentials

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

/// One input of this session, as `history save` sees it.
public struct SessionInput: Sendable, Equatable {
    /// Why history leaves an input out.
    public enum Exclusion: Sendable, Equatable {
        /// It holds a secret (its text is not kept, even in memory).
        case secret
        /// It was typed with a leading space.
        case leadingSpace
    }

    /// How running it ended, as far as history needs to know.
    public enum Outcome: Sendable, Equatable {
        case pending, succeeded, failed, interrupted
    }

    /// The input, trimmed; `nil` for one holding a secret.
    public var text: String?
    public var exclusion: Exclusion?
    public var outcome: Outcome
}

/// The session's history: what was entered, filtered by the policy and by ``SecretDetector``, persisted to
/// a file (mode 0600 in a 0700 directory) as one escaped entry per line.
///
/// Saving merges: the file is read again under a lock and this session's new entries are appended to what is
/// there (as bash's `histappend` and zsh's `APPEND_HISTORY` do), so two shells on one file keep both sessions'
/// lines. The file is written through ``HistoryFile``: a symbolic link is followed, `/dev/null` means no
/// history, and a terminal or pipe is written through, never replaced.
public struct History: Sendable {
    /// Entries, oldest first (including ones loaded from earlier sessions).
    public private(set) var entries: [String] = []
    /// This session's inputs in order, including ones history does not keep (for `history save`).
    public private(set) var sessionInputs: [SessionInput] = []
    /// Which entries are kept; the secrets in it change when the session's connection does.
    public var policy: HistoryPolicy
    /// The file, or `nil` to keep history in memory only.
    public let path: String?
    /// Entries kept since the last save, not yet in the file.
    private var unsaved: [String] = []

    public init(path: String?, policy: HistoryPolicy = HistoryPolicy()) {
        self.path = path
        self.policy = policy
    }

    /// Loads earlier sessions' entries; a missing file, `/dev/null` or a stream means an empty history.
    /// - Throws: ``HistoryFileError`` when the file exists but cannot be read (the caller says so once).
    public mutating func load() throws {
        guard let path, let text = try HistoryFile(path: path).read() else { return }
        entries = Self.parse(text)
        if entries.count > policy.limit { entries.removeFirst(entries.count - policy.limit) }
    }

    /// Records an entered input.
    /// - Returns: Whether it was kept (and should be offered by the up arrow).
    @discardableResult
    public mutating func record(_ input: String) -> Bool {
        let trimmed = input.trimmed()
        guard !trimmed.isEmpty else { return false }
        if SecretDetector.containsSecret(input) || policy.holdsKnownSecret(input) {
            sessionInputs.append(SessionInput(text: nil, exclusion: .secret, outcome: .pending))
            return false
        }
        let leadingSpace = policy.ignoreLeadingSpace && input.first == " "
        sessionInputs.append(SessionInput(text: trimmed, exclusion: leadingSpace ? .leadingSpace : nil, outcome: .pending))
        if leadingSpace { return false }
        if policy.ignoreDuplicates, entries.last == trimmed { return false }
        guard policy.limit > 0 else { return false }
        entries.append(trimmed)
        unsaved.append(trimmed)
        if entries.count > policy.limit { entries.removeFirst(entries.count - policy.limit) }
        return true
    }

    /// Notes how the last recorded input ended, for ``sessionScript()``.
    public mutating func finishLast(_ outcome: SessionInput.Outcome) {
        guard !sessionInputs.isEmpty else { return }
        sessionInputs[sessionInputs.count - 1].outcome = outcome
    }

    /// Appends the entries kept since the last save to the file (merged with what other sessions wrote).
    /// - Throws: ``HistoryFileError`` (the caller reports it once and goes on; the entries stay unsaved).
    public mutating func save() throws {
        guard let path, !unsaved.isEmpty else { return }
        let file = try HistoryFile(path: path)
        let added = unsaved
        let newText = added.map { Self.encode($0) + "\n" }.joined()
        if case .regular = file.kind {
            let policy = self.policy
            try file.withLock {
                var merged = try file.read().map(Self.parse) ?? []
                for entry in added where !(policy.ignoreDuplicates && merged.last == entry) { merged.append(entry) }
                if merged.count > policy.limit { merged.removeFirst(merged.count - policy.limit) }
                try file.write(merged.map { Self.encode($0) + "\n" }.joined())
            }
        } else {
            try file.write(newText, streamText: newText)
        }
        unsaved.removeAll()
    }

    /// The session's inputs as a script that runs again: inputs that failed, were interrupted, hold a secret
    /// or were typed with a leading space are left out, each with a comment saying which and why (a failed
    /// one is kept as comment lines, to fix by hand).
    public func sessionScript() -> String {
        var script = "#!/usr/bin/env csbs\n"
        for (index, input) in sessionInputs.enumerated() {
            let number = index + 1
            switch (input.exclusion, input.outcome, input.text) {
            case (.secret, _, _), (_, _, nil):
                script += "# (input \(number) left out: holds a secret)\n"
            case (.leadingSpace, _, _):
                script += "# (input \(number) left out: typed with a leading space)\n"
            case (nil, .failed, let text?), (nil, .interrupted, let text?):
                let why = input.outcome == .failed ? "failed" : "was interrupted"
                script += "# (input \(number) left out: \(why))\n"
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { script += "#   \(line)\n" }
            case (nil, _, let text?):
                script += text + "\n"
            }
        }
        return script
    }

    static func parse(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.decode(String($0)) }
    }

    static func encode(_ entry: String) -> String {
        entry.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
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
