import CSBSSyntax
import FoundationEssentials

/// The operators that are not comparisons: arithmetic (`+ - * / %`), membership (`in`) and defaults (`??`).
/// A result that does not fit (a 64-bit whole number, a duration, 1 MiB of text, 100,000 elements) is a runtime
/// error at the operator, never a crash.
extension Interpreter {
    /// `+ - * / %` on two values (docs/LANGUAGE.md, "Arithmetic"):
    ///
    /// - integers: all five, `/` rounding toward zero, `%` with the sign of the left side;
    /// - durations: `d + d`, `d - d`, `d * n`, `n * d`, `d / n` (a duration), `d / d` (how many times, rounded toward
    ///   zero: `$age / 1d`), `d % d`;
    /// - times: `t + d`, `d + t`, `t - d` (a time), `t - t` (a duration, to the millisecond);
    /// - `+` joins two strings or two lists.
    ///
    /// A string beside an integer, a duration or a time converts by the one rule (``Value/converted(toTypeOf:)``), as in
    /// comparisons: `$1 + 1` adds. Anything else is a type mismatch naming both values.
    func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws -> Value {
        let (left, right) = try Self.convertingForArithmetic(left, right, op: op, at: range)
        switch (op, left, right) {
        case (.add, .string(let a), .string(let b)):
            guard a.utf8.count + b.utf8.count <= Value.maximumTextBytes else {
                throw RuntimeFailure.command(
                    RuntimeMessages.valueTooLarge("'+' would make a text of more than \(Value.maximumTextBytes) bytes"), at: range
                )
            }
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            guard a.count + b.count <= Value.maximumListCount else {
                throw RuntimeFailure.command(
                    RuntimeMessages.valueTooLarge("'+' would make a list of more than \(Value.maximumListCount) elements"), at: range
                )
            }
            return .list(a + b)
        case (_, .integer(let a), .integer(let b)):
            return .integer(try Self.integerArithmetic(op, a, b, at: range))
        case (.add, .duration(let a), .duration(let b)), (.subtract, .duration(let a), .duration(let b)),
            (.remainder, .duration(let a), .duration(let b)):
            let (x, y) = (try Self.milliseconds(a, at: range), try Self.milliseconds(b, at: range))
            return .duration(.milliseconds(try Self.integerArithmetic(op, x, y, at: range)))
        case (.divide, .duration(let a), .duration(let b)):
            return .integer(try Self.integerArithmetic(.divide, try Self.milliseconds(a, at: range), try Self.milliseconds(b, at: range), at: range))
        case (.add, .time(let t), .duration(let d)), (.add, .duration(let d), .time(let t)):
            return .time(t.addingTimeInterval(Double(try Self.milliseconds(d, at: range)) / 1_000))
        case (.subtract, .time(let t), .duration(let d)):
            return .time(t.addingTimeInterval(-Double(try Self.milliseconds(d, at: range)) / 1_000))
        case (.subtract, .time(let a), .time(let b)):
            let milliseconds = (a.timeIntervalSince(b) * 1_000).rounded()
            guard let whole = Int(exactly: milliseconds) else {
                throw RuntimeFailure.command(RuntimeMessages.arithmeticOverflow("duration"), at: range)
            }
            return .duration(.milliseconds(whole))
        case (.multiply, .duration(let d), .integer(let n)), (.multiply, .integer(let n), .duration(let d)),
            (.divide, .duration(let d), .integer(let n)):
            return .duration(.milliseconds(try Self.integerArithmetic(op, try Self.milliseconds(d, at: range), n, at: range)))
        default:
            var message = "cannot use '\(op.rawValue)' on \(Self.described(left)) and \(Self.described(right))"
            if op == .add, case .string = left { message += "; to put values into text, use \"${…}\" or format()" }
            if op == .add, case .string = right { message += "; to put values into text, use \"${…}\" or format()" }
            throw RuntimeFailure.typeMismatch(message, at: range)
        }
    }

    /// `a OP b` on whole numbers, with overflow and division by zero as errors.
    private static func integerArithmetic(_ op: BinaryOperator, _ a: Int, _ b: Int, at range: SourceRange) throws -> Int {
        if op == .divide || op == .remainder, b == 0 {
            throw RuntimeFailure.command(RuntimeMessages.divisionByZero(op.rawValue), at: range)
        }
        let (result, overflow) =
            switch op {
            case .add: a.addingReportingOverflow(b)
            case .subtract: a.subtractingReportingOverflow(b)
            case .multiply: a.multipliedReportingOverflow(by: b)
            case .divide: a.dividedReportingOverflow(by: b)
            default: a.remainderReportingOverflow(dividingBy: b)
            }
        guard !overflow else { throw RuntimeFailure.command(RuntimeMessages.arithmeticOverflow(op.rawValue), at: range) }
        return result
    }

    /// A duration in whole milliseconds, the unit of the language's durations.
    private static func milliseconds(_ duration: Duration, at range: SourceRange) throws -> Int {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = Int(seconds).multipliedReportingOverflow(by: 1_000)
        let (sum, overflow2) = whole.addingReportingOverflow(Int(attoseconds / 1_000_000_000_000_000))
        guard !overflow, !overflow2 else { throw RuntimeFailure.command(RuntimeMessages.arithmeticOverflow("duration"), at: range) }
        return sum
    }

    /// The operands with a string beside an integer or a duration converted to that type; others as they are.
    private static func convertingForArithmetic(_ left: Value, _ right: Value, op: BinaryOperator, at range: SourceRange) throws
        -> (Value, Value)
    {
        switch (left, right) {
        case (.string, .integer), (.string, .duration), (.string, .time):
            guard let converted = left.converted(toTypeOf: right) else { return (left, right) }
            return (converted, right)
        case (.integer, .string), (.duration, .string), (.time, .string):
            guard let converted = right.converted(toTypeOf: left) else { return (left, right) }
            return (left, converted)
        default:
            return (left, right)
        }
    }

    /// `PART in CONTAINER` and `contains(CONTAINER, PART)`: a list holds an element equal to PART (as `==`
    /// compares: numbers by value, a string beside a number or a duration converted by the one rule, where it
    /// converts), a record a field named PART, a string the text PART.
    static func contains(_ container: Value, _ part: Value, what: String, at range: SourceRange, partRange: SourceRange) throws
        -> Bool
    {
        switch (container, part) {
        case (.list(let elements), _):
            return elements.contains { element in
                if equal(element, part) { return true }
                if let converted = part.converted(toTypeOf: element) { return equal(element, converted) }
                if let converted = element.converted(toTypeOf: part) { return equal(converted, part) }
                return false
            }
        case (.record(let record), .string(let name)):
            return record[name] != nil
        case (.string(let text), .string(let piece)):
            return piece.isEmpty || text.contains(piece)
        case (.string(let text), .integer(let number)):
            return text.contains(String(number))
        case (.record, _), (.string, _):
            throw RuntimeFailure.typeMismatch(
                "\(what) looks for text in a \(container.typeName), not \(described(part))", at: partRange
            )
        default:
            throw RuntimeFailure.typeMismatch(
                "\(what) looks in a list, a record or a string, not \(described(container))", at: range
            )
        }
    }

    /// The value of the left side of `??`: null for a record's field that is not there (or of a null), else its
    /// value. Each part is evaluated once, so a procedure called in it runs once.
    mutating func evaluateOrNull(_ expr: Expr) async throws -> Value {
        switch expr {
        case .field(.variable("env", _), _, _):
            return try await evaluate(expr)
        case .field(let base, let name, let range):
            let value = try await evaluateOrNull(base)
            if case .record(let record) = value { return record[name] ?? .null }
            if value == .null { return .null }
            return try field(name, of: value, at: range)
        case .index(let base, let index, let range):
            let value = try await evaluateOrNull(base)
            let key = try await evaluate(index)
            if case .record(let record) = value, case .string(let name) = key { return record[name] ?? .null }
            if value == .null { return .null }
            return try element(of: value, at: key, range: range)
        default:
            return try await evaluate(expr)
        }
    }
}
