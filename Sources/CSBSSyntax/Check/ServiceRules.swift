import CSBSPlatform

/// The documented rules for the values a script sends or ends with (API reference §2.1.1 vaults, §2.3 backups,
/// §2.5.1 policies, §2.8 tags), in one place: `csbs check` applies them to literals before anything runs
/// (``LiteralCheck``) and the evaluator to the values it computes at run time. Each `…Problem` function returns
/// the sentence a diagnostic says, or `nil` when the value is fine.
public enum ServiceRules {
    /// `exit N`: a process exit status.
    public static let exitStatuses = 0...255
    /// `vault NAME size GB`, which creates the vault when it is missing: `billing.size` on create, in GB.
    public static let vaultSizesGB = 10...10_485_760
    /// `resize vault … size GB`: `billing.size` on update, in GB.
    public static let resizeSizesGB = 1...10_485_760
    /// `policy … keep N`: `max_backups`.
    public static let keptBackups = 1...99_999
    /// `policy … retain D`: `retention_duration_days`, in whole days.
    public static let retainedDays = 1...99_999
    /// The longest duration a statement takes (`sleep`, `since`, `timeout`): 36500 days, about 100 years. Longer
    /// ones overflow the dates they are turned into (`since` would ask for backups from before the epoch).
    public static let maximumDuration = Duration.seconds(36_500 * 86_400)
    /// The most characters of a tag key and of a tag value (after trimming blanks).
    public static let tagKeyLength = 1...36
    public static let tagValueLength = 0...43
    /// The characters no tag key or value may hold, besides control characters.
    public static let tagForbiddenCharacters = "=*<>\\,|/"
    /// The most characters of a backup's description; `<` and `>` are refused.
    public static let descriptionLength = 0...255

    /// The kinds of names the services check.
    public enum NameKind: Sendable {
        /// A CBR vault's name (`vault NAME`): 1–64 letters, digits, `_` or `-`.
        case vault
        /// A CBR backup's (checkpoint's) name (`backup name …`): 1–64 letters, digits, `_` or `-`.
        case backup
        /// A CSBS v1 backup's name (`protect … name …`): 1–255 letters, digits, `_` or `-`.
        case csbsBackup
        /// A backup policy's name (`policy NAME`): 1–64 letters, digits, `_` or `-`.
        case policy

        /// How many characters the name may have.
        public var lengths: ClosedRange<Int> {
            switch self {
            case .vault, .backup, .policy: 1...64
            case .csbsBackup: 1...255
            }
        }

        /// The noun for messages: "a vault name".
        var noun: String {
            switch self {
            case .vault: "a vault name"
            case .backup, .csbsBackup: "a backup name"
            case .policy: "a policy name"
            }
        }
    }

    /// Why the service would refuse `name` as a name of `kind`, or `nil`. Letters and digits include other
    /// scripts' (the service takes Chinese names).
    public static func nameProblem(_ name: String, of kind: NameKind) -> String? {
        let allowed = "letters, digits, '_' or '-'"
        // ASCII names, nearly all of them, are checked byte by byte: the Character walk below took 6 % of
        // `csbs check` on the 100,000-line benchmark (scripts/bench/check-speed). Same answer, a test holds them equal.
        // (Read as one buffer: iterating the UTF-8 view byte by byte cost ten times as much.)
        var text = name
        if kind.lengths.contains(name.utf8.count), text.withUTF8({ $0.allSatisfy(Self.isASCIINameByte) }) { return nil }
        guard kind.lengths.contains(name.count) else {
            return "\(kind.noun) must have \(kind.lengths.lowerBound) to \(kind.lengths.upperBound) characters "
                + "(\(allowed)), not \(name.count)"
        }
        if let bad = name.first(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            return "\(kind.noun) may hold only \(allowed); \(quoted(bad)) is not allowed"
        }
        return nil
    }

    /// The most tags a vault is created with: `tags` of a vault's create, "≤10 keys" (API reference §2.1.1; one
    /// of its sources says 20, so `csbs check` warns rather than refuses).
    public static let maximumVaultTags = 10

    /// Whether `text` has the form of the services' resource and backup IDs: a UUID (8-4-4-4-12 hexadecimal
    /// digits), which is what `resources[].id` and the backup and checkpoint paths take (API reference §2.1.1).
    public static func isResourceID(_ text: String) -> Bool {
        guard text.utf8.count == 36 else { return false }
        func check<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
            for offset in 0..<36 {
                let byte = bytes[bytes.startIndex + offset]
                let isDash = offset == 8 || offset == 13 || offset == 18 || offset == 23
                guard isDash ? byte == UInt8(ascii: "-") : isASCIIHexDigit(byte) else { return false }
            }
            return true
        }
        return text.utf8.withContiguousStorageIfAvailable(check) ?? check(Array(text.utf8))
    }

    /// `[0-9A-Fa-f]`.
    static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// An ASCII letter, digit, `_` or `-`: what a name may hold, for ASCII text.
    static func isASCIINameByte(_ byte: UInt8) -> Bool {
        Lexer.isIdentifierStart(byte) || Lexer.isDigit(byte) || byte == UInt8(ascii: "-")
    }

    /// Why the service would refuse a tag (key and value already trimmed of blanks), or `nil`.
    public static func tagProblem(key: String, value: String) -> String? {
        let forbidden = Set(tagForbiddenCharacters)
        func bad(_ text: String) -> Bool {
            text.unicodeScalars.contains { $0.value < 32 || $0.value == 127 } || text.contains(where: forbidden.contains)
        }
        if !tagKeyLength.contains(key.count) {
            return "a tag key must have 1 to \(tagKeyLength.upperBound) characters, not \(key.count)"
        }
        if !tagValueLength.contains(value.count) {
            return "the value of tag '\(key.abbreviated(limit: 36))' must have at most \(tagValueLength.upperBound) "
                + "characters, not \(value.count)"
        }
        if bad(key) || bad(value) {
            return "tag '\(key.abbreviated(limit: 36))' contains a character tags cannot hold "
                + "(= * < > \\ , | / or a control character)"
        }
        return nil
    }

    /// Why the service would refuse a backup description, or `nil`.
    public static func descriptionProblem(_ text: String) -> String? {
        if !descriptionLength.contains(text.count) {
            return "a description must have at most \(descriptionLength.upperBound) characters, not \(text.count)"
        }
        if text.contains("<") || text.contains(">") { return "a description may not hold '<' or '>'" }
        return nil
    }

    /// Why a duration cannot be used as a statement's argument (negative or longer than ``maximumDuration``), or
    /// `nil`.
    public static func durationProblem(_ duration: Duration) -> String? {
        if duration < .zero { return "a duration cannot be negative" }
        if duration > maximumDuration {
            return "a duration must be at most 36500d (100 years)"
        }
        return nil
    }

    /// What a listing filter may say, as the service checks it (a value it does not know is `BackupService.9900`):
    /// `backups status` (API reference §3.4), `tasks status` and `tasks type` (§3.5, operation logs; and
    /// `update_expiration_time`, the task of a vault's backup expiration change).
    public enum FilterKind: Sendable {
        case backupStatus, taskStatus, taskType

        /// The values the service takes, in the reference's order. The client's `Backup.Status` lists the backup
        /// statuses too, for its model (the client does not depend on the language);
        /// `RuntimeMessageTests.theBackupStatusesAreTheClientsOwn` holds the two equal.
        public var values: [String] {
            switch self {
            case .backupStatus:
                ["available", "protecting", "deleting", "restoring", "error", "waiting_protect", "waiting_delete", "waiting_restore"]
            case .taskStatus: ["success", "skipped", "failed", "running", "timeout", "waiting"]
            case .taskType:
                [
                    "backup", "replication", "copy", "restore", "delete", "vault_delete", "remove_resource", "sync",
                    "migrate_resources", "update_expiration_time",
                ]
            }
        }

        var what: String {
            switch self {
            case .backupStatus: "a backup status"
            case .taskStatus: "a task status"
            case .taskType: "a task type"
            }
        }
    }

    /// Why the service would refuse `value` as a filter of `kind`, or `nil`: names the closest value it takes.
    public static func filterProblem(_ value: String, of kind: FilterKind) -> String? {
        guard !kind.values.contains(value) else { return nil }
        let shown = "'\(value.abbreviated())'"
        if let suggestion = Suggestion.closest(to: value, in: kind.values) {
            return "\(shown) is not \(kind.what); did you mean '\(suggestion)'? (\(kind.values.joined(separator: ", ")))"
        }
        return "\(shown) is not \(kind.what): one of \(kind.values.joined(separator: ", "))"
    }

    private static func quoted(_ character: Character) -> String {
        character == " " ? "a space" : "'\(String(character).abbreviated())'"
    }
}
