/// A value written in a script. Every case carries the 0-based UTF-8 range of its source text.
///
/// Only the cases that hold an expression directly are `indirect` (a box of their own on the heap): a leaf — a
/// string, a number, a word, a variable — is stored in place, in its statement or array. Boxing every case was one
/// allocation per value, a fifth of the allocations of `csbs check` on a long runbook.
public enum Expr: Sendable, Hashable {
    /// A double-quoted string, escapes already decoded.
    case string(String, SourceRange)
    /// A whole number.
    case integer(Int, SourceRange)
    /// A number with a unit: `250ms`, `30s`, `5m`, `2h`, `1d`.
    case duration(Duration, SourceRange)
    /// A bare word, such as a name or a UUID; it evaluates to its text.
    case word(String, SourceRange)
    /// `true` or `false`.
    case bool(Bool, SourceRange)
    /// `null`.
    case null(SourceRange)
    /// A string with `${…}` interpolations, in order.
    case interpolated([InterpolationPart], SourceRange)
    /// `$name`, `$1`: a variable or script argument.
    case variable(String, SourceRange)
    /// `base.name`: a record's field (or a list's `count`).
    indirect case field(Expr, String, SourceRange)
    /// `base[index]`: a list element, 0-based.
    indirect case index(Expr, Expr, SourceRange)
    /// `[a, b, c]`.
    case list([Expr], SourceRange)
    /// `{name: value, …}`.
    case record([RecordEntry], SourceRange)
    /// `not operand`.
    indirect case not(Expr, SourceRange)
    /// `left OP right`.
    indirect case binary(BinaryOperator, Expr, Expr, SourceRange)
    /// `first..last`: the list of the whole numbers from `first` to `last`, both included; empty when `last` is
    /// below `first`. At most ``maximumRangeCount`` numbers.
    indirect case integerRange(Expr, Expr, SourceRange)
    /// `name(argument, …)`: a call of a built-in function (or a procedure of the script), the name directly
    /// followed by `(`. The front end checks that the name is known and the count of arguments fits.
    case call(String, [Expr], SourceRange)

    /// The most numbers a range `first..last` may hold.
    public static let maximumRangeCount = 100_000

    /// The same expression whose source text is `range` (for one written in parentheses: the parentheses
    /// belong to its text, so a statement's range covers them and the formatter keeps them).
    func withRange(_ range: SourceRange) -> Expr {
        switch self {
        case .string(let value, _): .string(value, range)
        case .integer(let value, _): .integer(value, range)
        case .duration(let value, _): .duration(value, range)
        case .word(let value, _): .word(value, range)
        case .bool(let value, _): .bool(value, range)
        case .null: .null(range)
        case .interpolated(let parts, _): .interpolated(parts, range)
        case .variable(let name, _): .variable(name, range)
        case .field(let base, let name, _): .field(base, name, range)
        case .index(let base, let index, _): .index(base, index, range)
        case .list(let elements, _): .list(elements, range)
        case .record(let entries, _): .record(entries, range)
        case .not(let operand, _): .not(operand, range)
        case .binary(let op, let left, let right, _): .binary(op, left, right, range)
        case .integerRange(let first, let last, _): .integerRange(first, last, range)
        case .call(let name, let arguments, _): .call(name, arguments, range)
        }
    }

    /// The 0-based UTF-8 range of the expression's source text.
    public var range: SourceRange {
        switch self {
        case .string(_, let range), .integer(_, let range), .duration(_, let range), .word(_, let range),
            .bool(_, let range), .null(let range), .interpolated(_, let range), .variable(_, let range),
            .field(_, _, let range), .index(_, _, let range), .list(_, let range), .record(_, let range),
            .not(_, let range), .binary(_, _, _, let range), .integerRange(_, _, let range), .call(_, _, let range):
            range
        }
    }
}

/// A piece of an interpolated string.
public enum InterpolationPart: Sendable, Hashable {
    /// Text as written, escapes decoded.
    case literal(String)
    /// The expression inside `${…}`; its value is converted to text.
    case expression(Expr)
}

/// One `name: value` entry of a record literal.
public struct RecordEntry: Sendable, Hashable {
    public let name: String
    public let value: Expr

    public init(name: String, value: Expr) {
        self.name = name
        self.value = value
    }
}

extension Expr {
    /// The range of a call's name, at the start of the call.
    public var calleeRange: SourceRange? {
        guard case .call(let name, _, let range) = self else { return nil }
        return SourceRange(range.lowerBound, range.lowerBound + name.utf8.count)
    }
}

/// The binary operators. Loosest first: `or`; `and`; (`not`); the comparisons `== != < <= > >=` and `in`, which
/// do not chain; `??`, grouping to the right; the range `..`; `+` and `-`; `*`, `/` and `%` — all but `??` and the
/// comparisons group to the left.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or
    case and
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    /// `x in LIST`: an element equal to x, a record's field named x, or text x in a string.
    case `in`
    /// `a ?? b`: `a`, unless it is null (or a record's missing field), then `b`.
    case coalesce = "??"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// `==`, `!=`, `<`, `<=`, `>`, `>=` and `in`: the operators that give a bool and do not chain.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: true
        default: false
        }
    }

    /// `+ - * / %`.
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: true
        default: false
        }
    }
}
