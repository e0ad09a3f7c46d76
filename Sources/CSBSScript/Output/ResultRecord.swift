import FoundationEssentials

/// A value in a result record; the same values scripts compute with.
public typealias FieldValue = Value

/// What one statement did, as data: a kind (`vault`, `attach`, `checkpoint`, `echo`), named fields in a stable
/// order, and one line for people. `--json` prints the fields, `let` captures them, a terminal shows the summary
/// (or, for lists, a table).
public struct ResultRecord: Sendable, Hashable {
    public typealias Field = Record.Field

    public var kind: String
    public var fields: [Field]
    public var summary: String
    /// For results that are lists (`vaults`, `backups`): the rows, each a record; `nil` otherwise.
    public var rows: [Record]?
    /// Rows people see as a table under the summary, taken from the fields (which hold them for scripts and
    /// `--json`): the resources the set form of `attach` could not attach, with why. Not part of ``value``.
    public var details: [Record]?

    public init(kind: String, fields: [Field], summary: String, rows: [Record]? = nil, details: [Record]? = nil) {
        self.kind = kind
        self.fields = fields
        self.summary = summary
        self.rows = rows
        self.details = details
    }

    /// The kind of `warn`'s text: printed on standard error (with `--json`, its object too).
    public static let warnKind = "warn"

    /// Whether the script asked for it to be printed — `echo`, `warn`, or a value on its own as a statement
    /// (`$r`) — rather than it being what a command did: `--quiet` prints only these.
    public var isAskedFor: Bool {
        kind == "echo" || kind == Self.warnKind || kind == "value"
    }

    /// Whether it goes to standard error rather than standard output (`warn`'s text).
    public var isForStandardError: Bool {
        kind == Self.warnKind
    }

    public subscript(_ name: String) -> FieldValue? {
        fields.first { $0.name == name }?.value
    }

    /// What `let x = <command>` stores: the list of rows for list results, else the record of fields.
    public var value: Value {
        if let rows { return .list(rows.map(Value.record)) }
        return .record(Record(fields))
    }

    /// One JSON object for `--json`: `{"kind": …, fields…}`; list results carry their rows as `"items"`.
    public var jsonLine: String {
        var fields = [Field("kind", .string(kind))] + self.fields
        if let rows { fields.append(Field("items", .list(rows.map(Value.record)))) }
        var output = ""
        Value.writeObject(fields, into: &output)
        return output
    }

    /// `2.0s`, `1m05s`, `2h03m`: short and stable.
    /// (Integer arithmetic, not `String(format:)`: the C varargs path costs a one-shot run a millisecond.)
    public static func formatSeconds(_ seconds: Double) -> String {
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        guard seconds.isFinite else { return "\(seconds)s" }
        if seconds < 60 {
            let tenths = Int((max(seconds, 0) * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = seconds < Double(Int.max) ? Int(seconds.rounded()) : Int.max
        if whole < 3600 { return "\(whole / 60)m\(twoDigits(whole % 60))s" }
        return "\(whole / 3600)h\(twoDigits((whole % 3600) / 60))m"
    }
}
