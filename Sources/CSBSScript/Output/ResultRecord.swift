import Foundation

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

    public init(kind: String, fields: [Field], summary: String, rows: [Record]? = nil) {
        self.kind = kind
        self.fields = fields
        self.summary = summary
        self.rows = rows
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
    public static func formatSeconds(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
