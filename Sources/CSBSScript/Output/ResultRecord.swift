import Foundation

/// A value in a result record.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case seconds(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .seconds(let seconds): ResultRecord.formatSeconds(seconds)
        case .bool(let flag): String(flag)
        }
    }
}

/// What one statement did, as data: a kind (`vault`, `attach`, `checkpoint`), named fields in a stable order,
/// and one line for people. `--json` and `let` will use the fields; a terminal shows the summary.
public struct ResultRecord: Sendable, Hashable {
    public var kind: String
    public var fields: [Field]
    public var summary: String

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: FieldValue

        public init(_ name: String, _ value: FieldValue) {
            self.name = name
            self.value = value
        }
    }

    public init(kind: String, fields: [Field], summary: String) {
        self.kind = kind
        self.fields = fields
        self.summary = summary
    }

    public subscript(_ name: String) -> FieldValue? {
        fields.first { $0.name == name }?.value
    }

    /// `2.0s`, `1m05s`, `2h03m`: short and stable.
    public static func formatSeconds(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}
