/// Any JSON value, for the places that handle JSON whose shape is not a model: the redactor's view of a body, a
/// service error of unknown form, the dry run's check of a body, the language server's JSON-RPC messages, and a
/// script's `json(TEXT)`. Read by csbs's one JSON reader (strict, bounded nesting, members in the order written);
/// written by ``text``.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits an `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// An object's members in the order written; no name twice.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        public var name: String
        public var value: JSONValue

        public init(_ name: String, _ value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// Why text is not one JSON value: what and where (`expected a value at byte 12`).
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String

        public init(message: String) {
            self.message = message
        }

        public var description: String { message }
    }

    /// The nesting of arrays and objects read unless a caller says otherwise.
    public static let defaultMaximumDepth = 512

    /// The one value `bytes` hold. The caller bounds their length.
    /// - Throws: ``ParseError`` for anything else, or nesting deeper than `maximumDepth`.
    public init(parsing bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth) throws(ParseError) {
        self = try JSONReader.read(Array(bytes), maximumDepth: maximumDepth)
    }

    /// The first member named `key` of an object; `nil` for another name or another kind of value.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members.first { $0.name == key }?.value } else { nil }
    }

    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// An integer, or a number that is a whole `Int` (`2.0`).
    public var intValue: Int? {
        switch self {
        case .integer(let integer): integer
        case .number(let number) where number.rounded() == number && abs(number) < 9.0e15: Int(number)
        default: nil
        }
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    public var members: [Member]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// Compact JSON text, object members in the order of their names (the same value always reads the same), `/`
    /// as it is. Whole numbers are written without a fraction (`400`, not `400.0`).
    public var text: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// The text of a number as ``text`` writes it.
    public static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 9.0e15 { return String(Int(number)) }
        return number.isFinite ? String(number) : "null"
    }

    private func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let integer): output += String(integer)
        case .number(let number): output += Self.numberText(number)
        case .string(let text): JSONText.writeString(text, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.sorted(by: { $0.name < $1.name }).enumerated() {
                if index > 0 { output += "," }
                JSONText.writeString(member.name, into: &output)
                output += ":"
                member.value.write(into: &output)
            }
            output += "}"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// An object with the members in the literal's order (a name twice keeps the first, as ``subscript(_:)`` reads).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var seen: Set<String> = []
        self = .object(elements.filter { seen.insert($0.0).inserted }.map { Member($0.0, $0.1) })
    }
}
