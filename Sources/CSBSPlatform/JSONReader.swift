/// The one JSON reader of csbs (``JSONValue/init(parsing:maximumDepth:)``): strict RFC 8259 text, one value, objects
/// with their members in the order written (a name given twice is refused), whole numbers that fit an `Int` as
/// integers. The text comes from outside, so nesting is bounded and any other text is an error that says what and
/// where (`at byte 12`), never a crash; callers bound the length.
struct JSONReader {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// The one value `bytes` hold.
    static func read(_ bytes: [UInt8], maximumDepth: Int) throws(JSONValue.ParseError) -> JSONValue {
        var reader = JSONReader(bytes, maximumDepth: maximumDepth)
        reader.skipSpace()
        let value = try reader.readValue()
        reader.skipSpace()
        guard reader.position == reader.bytes.count else { throw reader.problem("more text after the value") }
        return value
    }

    private func problem(_ what: String) -> JSONValue.ParseError {
        JSONValue.ParseError(message: "\(what) at byte \(position + 1)")
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func readValue() throws(JSONValue.ParseError) -> JSONValue {
        guard position < bytes.count else { throw problem("expected a value, found the end of the text") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw problem("expected a value")
        }
    }

    private mutating func readLiteral(_ word: String, _ value: JSONValue) throws(JSONValue.ParseError) -> JSONValue {
        let text = Array(word.utf8)
        guard bytes.count - position >= text.count, Array(bytes[position..<position + text.count]) == text else {
            throw problem("expected a value")
        }
        position += text.count
        return value
    }

    private mutating func enter() throws(JSONValue.ParseError) {
        depth += 1
        guard depth <= maximumDepth else {
            throw problem("arrays and objects nested more than \(maximumDepth) deep")
        }
    }

    private mutating func readArray() throws(JSONValue.ParseError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        guard !closesEmpty(with: UInt8(ascii: "]")) else { return .array(elements) }
        repeat {
            skipSpace()
            elements.append(try readValue())
        } while try continues(closing: UInt8(ascii: "]"), the: "array")
        return .array(elements)
    }

    private mutating func readObject() throws(JSONValue.ParseError) -> JSONValue {
        try enter()
        position += 1
        var members: [JSONValue.Member] = []
        var names: Set<String> = []
        guard !closesEmpty(with: UInt8(ascii: "}")) else { return .object(members) }
        repeat {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw problem("expected a field name in quotes")
            }
            let name = try readString()
            guard names.insert(name).inserted else { throw problem("the field \"\(name.prefix(40))\" is given twice") }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw problem("expected ':' after the field name")
            }
            position += 1
            skipSpace()
            members.append(JSONValue.Member(name, try readValue()))
        } while try continues(closing: UInt8(ascii: "}"), the: "object")
        return .object(members)
    }

    /// Whether the array or object just opened is empty: past its `closer` (and out of it) if so.
    private mutating func closesEmpty(with closer: UInt8) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == closer else { return false }
        position += 1
        depth -= 1
        return true
    }

    /// After an element of an array or object: past a `,` (another follows) or past `closer` (the container ends,
    /// and is left).
    private mutating func continues(closing closer: UInt8, the container: String) throws(JSONValue.ParseError) -> Bool {
        let close = Character(Unicode.Scalar(closer))
        skipSpace()
        guard position < bytes.count else { throw problem("expected ',' or '\(close)' to close the \(container)") }
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            return true
        }
        guard bytes[position] == closer else { throw problem("expected ',' or '\(close)' in the \(container)") }
        position += 1
        depth -= 1
        return false
    }

    private mutating func readNumber() throws(JSONValue.ParseError) -> JSONValue {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits() -> Int {
            let first = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - first
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw problem("expected digits") }
        if integerDigits > 1, bytes[position - integerDigits] == UInt8(ascii: "0") {
            throw problem("a number does not start with 0")
        }
        var whole = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            whole = false
            guard digits() > 0 else { throw problem("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            whole = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw problem("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if whole, let integer = Int(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw problem("the number \(text.prefix(40)) is too large") }
        return .number(number)
    }

    private mutating func readString() throws(JSONValue.ParseError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run = position
        func flush() {
            scalars.append(contentsOf: String(decoding: bytes[run..<position], as: UTF8.self).unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                position += 1
                scalars.append(try readEscape())
                run = position
            case 0..<0x20:
                throw problem("a control character in a string must be escaped")
            default:
                position += 1
            }
        }
        throw problem("the string is never closed")
    }

    private mutating func readEscape() throws(JSONValue.ParseError) -> Unicode.Scalar {
        guard position < bytes.count else { throw problem("the string is never closed") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try readHex()
            if (0xD800..<0xDC00).contains(high) {
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                else { throw problem("a lone surrogate in \\u escape") }
                position += 2
                let low = try readHex()
                guard (0xDC00..<0xE000).contains(low) else { throw problem("a lone surrogate in \\u escape") }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw problem("an invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw problem("a lone surrogate in \\u escape") }
            return scalar
        default:
            position -= 1
            throw problem("an unknown escape")
        }
    }

    private mutating func readHex() throws(JSONValue.ParseError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw problem("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw problem("expected four hex digits after \\u")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }
}
