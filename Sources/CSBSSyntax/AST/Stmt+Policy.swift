/// A day of the week as `policy … every mo,fr` writes it.
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case mo, tu, we, th, fr, sa, su

    /// The RRULE `BYDAY` spelling: `MO` … `SU`.
    public var ruleName: String { rawValue.uppercased() }
}

/// When a policy runs: every day, or on some days of the week.
public enum PolicySchedule: Sendable, Hashable {
    /// `every day`.
    case daily
    /// `every mo,we,fr`: the days in the order written, each once.
    case weekly([Weekday])
}

/// A time of day in UTC, `HH:MM`.
public struct PolicyTime: Sendable, Hashable {
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int

    /// Creates a time; the parser only makes valid ones.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM` (hour 0–23, minute 0–59), or returns `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`, zero-padded.
    public var text: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// How long a policy keeps backups.
public enum PolicyRetention: Sendable, Hashable {
    /// `keep N`: the newest N backups per resource (`max_backups`).
    case keep(Expr)
    /// `retain D`: backups younger than D whole days (`retention_duration_days`).
    case retain(Expr)
}

/// `policy NAME every day|WEEKDAY[,WEEKDAY…] at HH:MM [keep N | retain D] [update]`: creates the backup policy
/// when missing, selects it when present.
public struct PolicyStmt: Sendable, Hashable {
    /// The policy's name: a string, a bare word or any other value.
    public let name: Expr
    public let schedule: PolicySchedule
    /// The time of day, in UTC.
    public let time: PolicyTime
    /// The retention rule, if given.
    public let retention: PolicyRetention?
    /// Whether to change an existing policy whose schedule or retention differs.
    public let update: Bool
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(
        name: Expr, schedule: PolicySchedule, time: PolicyTime, retention: PolicyRetention?, update: Bool,
        range: SourceRange
    ) {
        self.name = name
        self.schedule = schedule
        self.time = time
        self.retention = retention
        self.update = update
        self.range = range
    }
}

/// `bind policy NAME` or `unbind policy NAME`, for the selected vault.
public struct PolicyBindingStmt: Sendable, Hashable {
    /// The policy's name or ID.
    public let name: Expr
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(name: Expr, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// `policies [vault NAME]`: the project's backup policies, or those bound to one vault.
public struct PoliciesStmt: Sendable, Hashable {
    /// Only the policies bound to this vault (a name or ID).
    public let vault: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(vault: Expr?, range: SourceRange) {
        self.vault = vault
        self.range = range
    }
}

extension PoliciesStmt: CommandSyntax {
    public var dumpTitle: String { "Policies" }
    public var parts: [CommandPart] { [.expression(vault, label: "vault")] }
}
