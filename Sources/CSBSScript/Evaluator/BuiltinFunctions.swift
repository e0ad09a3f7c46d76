import CSBSSyntax
import FoundationEssentials

/// One built-in function: what the front end checks a call against (its signature), the line the reference gives
/// it, and what it does.
struct BuiltinFunction: Sendable {
    let signature: FunctionSignature
    /// One line saying what it gives, as docs/LANGUAGE.md's table of functions says it.
    let summary: String
    let body: @Sendable (FunctionCall) throws -> Value

    /// A function taking exactly the arguments its synopsis names, or, with `variadic`, at least those and any
    /// number more.
    init(
        _ name: String, _ parameters: [String], variadic: Bool = false, _ summary: String,
        _ body: @escaping @Sendable (FunctionCall) throws -> Value
    ) {
        let shown = parameters.enumerated().map { variadic && $0.offset == parameters.count - 1 ? $0.element + "…" : $0.element }
        let required = variadic ? parameters.count - 1 : parameters.count
        signature = FunctionSignature(
            name: name, minimumArguments: required, maximumArguments: variadic ? nil : parameters.count,
            synopsis: "\(name)(\(shown.joined(separator: ", ")))"
        )
        self.summary = summary
        self.body = body
    }
}

/// A call being evaluated: its arguments' values and where each was written, so a function's errors point at the
/// argument at fault.
struct FunctionCall: Sendable {
    let name: String
    let arguments: [Value]
    let argumentRanges: [SourceRange]
    /// The whole call, `name(…)`.
    let range: SourceRange
    /// The wall clock (the client's, injected): what `now()` reads.
    let currentDate: @Sendable () -> Date

    /// The range of argument `index`, or of the call.
    func range(of index: Int) -> SourceRange {
        argumentRanges.indices.contains(index) ? argumentRanges[index] : range
    }

    /// Argument `index` as text: a string, or a whole number written where text is expected.
    func text(_ index: Int) throws -> String {
        switch arguments[index] {
        case .string(let text): text
        case .integer(let number): String(number)
        default: throw mismatch(index, wanted: "text")
        }
    }

    /// `text` as a value, or ``RuntimeMessages/valueTooLarge(_:)`` past ``Value/maximumTextBytes``.
    func checkedText(_ text: String) throws -> Value {
        try checkBytes(text.utf8.count)
        return .string(text)
    }

    /// Fails with ``RuntimeMessages/valueTooLarge(_:)`` when a text of `count` bytes is past ``Value/maximumTextBytes``.
    func checkBytes(_ count: Int) throws {
        guard count <= Value.maximumTextBytes else {
            throw RuntimeFailure.command(
                RuntimeMessages.valueTooLarge("'\(name)' would make a text of more than \(Value.maximumTextBytes) bytes"),
                at: range
            )
        }
    }

    /// Fails past ``Value/maximumListCount`` elements.
    func checkCount(_ count: Int) throws {
        guard count <= Value.maximumListCount else {
            throw RuntimeFailure.command(
                RuntimeMessages.valueTooLarge("'\(name)' would make a list of more than \(Value.maximumListCount) elements"),
                at: range
            )
        }
    }

    /// A type error about argument `index`: "'NAME' takes WANTED, not VALUE".
    func mismatch(_ index: Int, wanted: String) -> RuntimeFailure {
        RuntimeFailure.typeMismatch(
            "'\(name)' takes \(wanted), not \(Interpreter.described(arguments[index]))", at: range(of: index)
        )
    }
}

/// The built-in functions a script may call, `len($x)`: the one table of their names, arities, reference lines
/// and implementations. The front end checks calls against ``signatures`` (given to it by
/// ``CSBSSyntax/CheckOptions/standard(predeclared:loader:procedures:)``), the interpreter calls ``named(_:)``, and a test
/// holds docs/LANGUAGE.md to ``all``.
public enum BuiltinFunctions {
    static let all: [BuiltinFunction] = [
        BuiltinFunction("len", ["VALUE"], "the number of elements of a list, fields of a record or characters of a string") { call in
            switch call.arguments[0] {
            case .list(let elements): .integer(elements.count)
            case .record(let record): .integer(record.fields.count)
            case .string(let text): .integer(text.count)
            default: throw call.mismatch(0, wanted: "a list, a record or a string")
            }
        },
        BuiltinFunction(
            "contains", ["VALUE", "PART"],
            "whether a list holds an element equal to PART, a string holds the text PART, or a record a field named PART"
        ) { call in
            .bool(try Interpreter.contains(call.arguments[0], call.arguments[1], what: "'contains'", at: call.range(of: 0), partRange: call.range(of: 1)))
        },
        BuiltinFunction("keys", ["RECORD"], "the names of a record's fields, in order, as a list of strings") { call in
            guard case .record(let record) = call.arguments[0] else { throw call.mismatch(0, wanted: "a record") }
            return .list(record.fields.map { .string($0.name) })
        },
        BuiltinFunction("split", ["TEXT", "SEPARATOR"], "the pieces of TEXT between the SEPARATORs, as a list of strings") { call in
            let text = try call.text(0)
            let separator = try call.text(1)
            guard !separator.isEmpty else {
                throw RuntimeFailure.badArgument("'split' needs a separator that is not empty", at: call.range(of: 1))
            }
            let pieces = text.split(separator: separator, omittingEmptySubsequences: false)
            try call.checkCount(pieces.count)
            return .list(pieces.map { .string(String($0)) })
        },
        BuiltinFunction("join", ["LIST", "SEPARATOR"], "the elements of LIST as text, with SEPARATOR between them") { call in
            guard case .list(let elements) = call.arguments[0] else { throw call.mismatch(0, wanted: "a list") }
            let separator = try call.text(1)
            var pieces: [String] = []
            var bytes = 0
            for element in elements {
                // Counted as it goes, so a long list of long texts fails before it is all written out.
                pieces.append(element.description)
                bytes += pieces[pieces.count - 1].utf8.count + separator.utf8.count
                try call.checkBytes(bytes)
            }
            return .string(pieces.joined(separator: separator))
        },
        BuiltinFunction("replace", ["TEXT", "OLD", "NEW"], "TEXT with every OLD replaced by NEW") { call in
            let old = try call.text(1)
            guard !old.isEmpty else {
                throw RuntimeFailure.badArgument("'replace' needs text to replace, not an empty string", at: call.range(of: 1))
            }
            let text = try call.text(0)
            let new = try call.text(2)
            // The length is known before the text is made: a 1 MiB text with a 1 MiB replacement for each of its
            // commas is refused, not built.
            try call.checkBytes(text.utf8.count + text.ranges(of: old).count * (new.utf8.count - old.utf8.count))
            return .string(text.replacing(old, with: new))
        },
        BuiltinFunction("lower", ["TEXT"], "TEXT in lower case") { call in .string(try call.text(0).lowercased()) },
        BuiltinFunction("upper", ["TEXT"], "TEXT in upper case") { call in .string(try call.text(0).uppercased()) },
        BuiltinFunction(
            "format", ["TEMPLATE", "VALUE"], variadic: true,
            "TEMPLATE with each `{}` replaced by the next VALUE as text; `{{` and `}}` are braces"
        ) { call in
            try call.checkedText(try Self.format(call))
        },
        BuiltinFunction("int", ["VALUE"], "VALUE as a whole number: an integer, or a string such as \"42\"") { call in
            let value = call.arguments[0]
            if let number = value.integerConversion { return .integer(number) }
            if case .number(let number) = value, number == number.rounded(), let whole = Int(exactly: number) {
                return .integer(whole)
            }
            var wanted = "a whole number or a string such as \"42\""
            if case .duration = value { wanted += " (to count a duration in a unit, divide it: $d / 1s)" }
            throw call.mismatch(0, wanted: wanted)
        },
        BuiltinFunction("duration", ["VALUE"], "VALUE as a duration: a duration, or a string such as \"7d\"") { call in
            let value = call.arguments[0]
            if let duration = value.durationConversion { return .duration(duration) }
            var wanted = "a duration or a string such as \"7d\""
            if value.integerConversion != nil { wanted += " (a duration needs a unit; multiply a number: $n * 1d)" }
            throw call.mismatch(0, wanted: wanted)
        },
        BuiltinFunction("now", [], "the current time, UTC (the run's clock; a dry run's is fixed)") { call in
            .time(call.currentDate())
        },
        BuiltinFunction("time", ["VALUE"], "VALUE as a time: a time, or a timestamp such as \"2026-12-06T13:22:22Z\"") { call in
            guard let date = call.arguments[0].timeConversion else {
                throw call.mismatch(0, wanted: "a time or a timestamp such as \"2026-12-06T13:22:22Z\"")
            }
            return .time(date)
        },
        BuiltinFunction("string", ["VALUE"], "VALUE as text, as `echo` prints it (a time in ISO 8601, UTC)") { call in
            .string(call.arguments[0].description)
        },
        BuiltinFunction("json", ["TEXT"], "the value JSON text holds: objects become records, arrays lists") { call in
            do {
                return try ValueJSON.read(try call.text(0))
            } catch let problem as ValueJSON.Problem {
                throw RuntimeFailure.command(RuntimeMessages.invalidJSON(problem.message), at: call.range(of: 0))
            }
        },
    ]

    /// `format`'s rule: each `{}` takes the next value's text, `{{` and `}}` are a brace; any other brace, and
    /// a count of `{}` that is not the count of values, is an error.
    private static func format(_ call: FunctionCall) throws -> String {
        let template = Array(try call.text(0))
        var values = call.arguments.dropFirst().makeIterator()
        var used = 0
        var result = ""
        var index = 0
        while index < template.count {
            let character = template[index]
            let next = index + 1 < template.count ? template[index + 1] : nil
            switch (character, next) {
            case ("{", "{"), ("}", "}"):
                result.append(character)
                index += 2
            case ("{", "}"):
                used += 1
                guard let value = values.next() else {
                    throw RuntimeFailure.badArgument(
                        "the template has more {} than the \(call.arguments.count - 1) value\(call.arguments.count == 2 ? "" : "s") given",
                        at: call.range(of: 0)
                    )
                }
                result += value.description
                index += 2
            case ("{", _), ("}", _):
                throw RuntimeFailure.badArgument(
                    "a brace in a template is {} for a value, or {{ and }} for a brace itself", at: call.range(of: 0)
                )
            default:
                result.append(character)
                index += 1
            }
            try call.checkBytes(result.utf8.count)
        }
        guard used == call.arguments.count - 1 else {
            throw RuntimeFailure.badArgument(
                "the template has \(used) {} for \(call.arguments.count - 1) value\(call.arguments.count == 2 ? "" : "s")",
                at: call.range(of: 0)
            )
        }
        return result
    }

    private static let byName: [String: BuiltinFunction] = Dictionary(all.map { ($0.signature.name, $0) }) { first, _ in first }

    /// What the front end checks calls against.
    public static var signatures: [FunctionSignature] { all.map(\.signature) }

    /// The rows of docs/LANGUAGE.md's table of functions: `| `len(VALUE)` | the number of … |`.
    public static var referenceLines: [String] {
        all.map { "| `\($0.signature.synopsis)` | \($0.summary) |" }
    }

    /// The built-in function called `name`.
    static func named(_ name: String) -> BuiltinFunction? {
        byName[name]
    }
}
