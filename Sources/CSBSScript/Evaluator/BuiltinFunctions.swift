import CSBSSyntax
import Foundation

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

    /// A type error about argument `index`: "'NAME' takes WANTED, not VALUE".
    func mismatch(_ index: Int, wanted: String) -> RuntimeFailure {
        RuntimeFailure.typeMismatch(
            "'\(name)' takes \(wanted), not \(Interpreter.described(arguments[index]))", at: range(of: index)
        )
    }
}

/// The built-in functions a script may call, `len($x)`: the one table of their names, arities, reference lines
/// and implementations. The front end checks calls against ``signatures`` (given to it by
/// ``CSBSSyntax/CheckOptions/standard(predeclared:loader:)``), the interpreter calls ``named(_:)``, and a test
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
        }
    ]

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
