import CSBSPlatform

/// Reading JSON text into a value, for `json(TEXT)`: objects become records (fields in the order written), arrays
/// lists, whole numbers that fit integers, other numbers numbers, and `true`, `false`, `null`, strings as
/// themselves. The text comes from outside (a file, a variable, a command's output), so it is bounded: at most
/// ``maximumBytes`` and ``maximumDepth`` levels of nesting, and any other text is an error that says what and where
/// (`at byte 12`), never a crash. The reading is csbs's one JSON reader (`JSONValue(parsing:maximumDepth:)`).
enum ValueJSON {
    /// The longest text read: 1 MiB.
    static let maximumBytes = 1 << 20
    /// The deepest nesting of arrays and objects, as of the values a script builds (``Value/maximumNesting``).
    static let maximumDepth = Value.maximumNesting

    /// Why JSON text was not read.
    struct Problem: Error, Equatable {
        let message: String
    }

    /// The value `text` holds.
    /// - Throws: ``Problem`` for text that is not one JSON value, too long or too deep.
    static func read(_ text: String) throws(Problem) -> Value {
        guard text.utf8.count <= maximumBytes else {
            throw Problem(message: "the text has \(text.utf8.count) bytes, more than the \(maximumBytes) JSON may have")
        }
        do {
            return value(of: try JSONValue(parsing: text.utf8, maximumDepth: maximumDepth))
        } catch {
            throw Problem(message: error.message)
        }
    }

    private static func value(of json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let integer): .integer(integer)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(value(of:)))
        case .object(let members): .record(Record(members.map { Record.Field($0.name, value(of: $0.value)) }))
        }
    }
}
