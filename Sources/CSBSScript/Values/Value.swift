import CSBSClient
import CSBSPlatform
import CSBSSyntax
import FoundationEssentials

/// A value in a running script: what expressions evaluate to, what variables hold and what commands return.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int)
    /// A number that need not be whole, such as elapsed seconds.
    case number(Double)
    case string(String)
    case duration(Duration)
    /// A point in time, UTC: what `now()` gives, and what a service timestamp (`created_at`) converts to where a
    /// time is needed (``timeConversion``). Written in ISO 8601, `2026-12-06T13:22:22Z`.
    case time(Date)
    case list([Value])
    case record(Record)

    /// The longest text a script may build (by `+`, `join`, `replace`, `format`), in UTF-8 bytes: 1 MiB.
    public static let maximumTextBytes = 1 << 20
    /// The most elements a list a script builds (by `+`, `split`) may hold, as a range (``CSBSSyntax/Expr/maximumRangeCount``).
    public static let maximumListCount = 100_000

    /// The deepest lists and records nest, as a script's own brackets and JSON text (``ValueJSON/maximumDepth``).
    public static let maximumNesting = 64

    /// Elapsed time in seconds, as result records carry it: to a tenth of a second, as people read it (`2.1`, not
    /// `2.106794261`) and as the result lines print it.
    public static func seconds(_ seconds: Double) -> Value {
        .number(seconds.isFinite ? (seconds * 10).rounded() / 10 : seconds)
    }

    /// The value as text: strings as they are, numbers in decimal, durations as `30s`/`5m`/`2h`, lists and
    /// records as JSON. This is what `echo` prints and `${…}` inserts.
    public var description: String {
        switch self {
        case .string(let text): text
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): Self.format(number)
        case .duration(let duration): Self.format(duration)
        case .time(let date): WireDate.filterFormat(date)
        case .list, .record: json
        }
    }

    /// The name of the value's type, for messages: `string`, `integer`, `list`, …
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .duration: "duration"
        case .time: "time"
        case .list: "list"
        case .record: "record"
        }
    }

    /// `1.5`, `2` for whole numbers.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    /// The duration literal the language reads back: `1h30m`, `2s100ms` (``DurationLiteral/text(of:)``).
    static func format(_ duration: Duration) -> String {
        DurationLiteral.text(of: duration)
    }
}

/// Named fields in a stable order, as commands return them (`$cp.id`, `$cp.status`).
public struct Record: Sendable, Hashable {
    /// One named value.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: Value

        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The value of the first field called `name`, if any.
    public subscript(_ name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }
}
