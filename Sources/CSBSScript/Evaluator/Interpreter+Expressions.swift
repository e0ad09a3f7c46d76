import CSBSClient
import CSBSPlatform
import CSBSSyntax

extension Interpreter {
    /// The value of an expression. Only a call of a procedure (`def`) sends requests or suspends: it runs
    /// statements (``callProcedure(_:_:at:)``).
    ///
    /// - Throws: ``RuntimeFailure`` for an undefined variable, a missing field, an index out of range or
    ///   operands of the wrong type, located at the offending sub-expression.
    mutating func evaluate(_ expr: Expr) async throws -> Value {
        switch expr {
        case .string(let text, _), .word(let text, _): return .string(text)
        case .integer(let number, _): return .integer(number)
        case .duration(let duration, _): return .duration(duration)
        case .bool(let flag, _): return .bool(flag)
        case .null: return .null
        case .variable(let name, let range): return try variable(name, at: range)
        case .interpolated(let parts, _):
            var text = ""
            for part in parts {
                switch part {
                case .literal(let literal): text += literal
                case .expression(let inner): text += try await evaluate(inner).description
                }
            }
            return .string(text)
        case .field(.variable("env", _), let name, _):
            return environment[name].map(Value.string) ?? .null
        case .field(let base, let name, let range):
            return try field(name, of: try await evaluate(base), at: range)
        case .index(let base, let index, let range):
            let container = try await evaluate(base)
            return try element(of: container, at: try await evaluate(index), range: range)
        case .list(let elements, let range):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try await evaluate(element)) }
            return try Self.nestingChecked(.list(values), at: range)
        case .record(let entries, let range):
            var fields: [Record.Field] = []
            fields.reserveCapacity(entries.count)
            for entry in entries { fields.append(Record.Field(entry.name, try await evaluate(entry.value))) }
            return try Self.nestingChecked(.record(Record(fields)), at: range)
        case .not(let operand, _):
            return .bool(!(try await condition(operand)))
        case .binary(.and, let left, let right, _):
            guard try await condition(left) else { return .bool(false) }
            return .bool(try await condition(right))
        case .binary(.or, let left, let right, _):
            if try await condition(left) { return .bool(true) }
            return .bool(try await condition(right))
        case .binary(.coalesce, let left, let right, _):
            let value = try await evaluateOrNull(left)
            return value == .null ? try await evaluate(right) : value
        case .binary(.in, let left, let right, let range):
            let part = try await evaluate(left)
            let container = try await evaluate(right)
            return .bool(try Self.contains(container, part, what: "'in'", at: range, partRange: left.range))
        case .binary(let op, let left, let right, let range) where op.isArithmetic:
            let first = try await evaluate(left)
            return try arithmetic(op, first, try await evaluate(right), at: range)
        case .binary(let op, let left, let right, let range):
            let first = try await evaluate(left)
            return .bool(try compare(op, first, try await evaluate(right), at: range))
        case .integerRange(let first, let last, let range):
            let low = try await integerValue(first, what: "a range's bound")
            let high = try await integerValue(last, what: "a range's bound")
            guard LoopMessage.rangeCount(low, high) != nil else {
                throw RuntimeFailure.command(LoopMessage.rangeTooLarge(low, high, domain: "runtime"), at: range)
            }
            return .list(high < low ? [] : (low...high).map(Value.integer))
        case .call(let name, let arguments, let range):
            return try await call(name, arguments, at: range)
        }
    }

    /// The values of a call's arguments, left to right.
    private mutating func argumentValues(_ arguments: [Expr]) async throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try await evaluate(argument)) }
        return values
    }

    /// Calls the procedure `name` (``procedures``), else the built-in function `name` (``BuiltinFunctions``), with
    /// the arguments' values. The check made sure the name is known and the count fits; both are checked again,
    /// so a failure here names them too.
    private mutating func call(_ name: String, _ arguments: [Expr], at range: SourceRange) async throws -> Value {
        if let procedure = procedures[name] {
            let signature = procedure.definition.signature
            guard signature.accepts(arguments.count) else {
                throw RuntimeFailure.command(
                    ResolveMessage.wrongArgumentCount(signature, given: arguments.count, domain: "runtime"), at: range
                )
            }
            return try await callProcedure(procedure, try await argumentValues(arguments), at: range)
        }
        guard let function = BuiltinFunctions.named(name) else {
            let known = BuiltinFunctions.signatures.map(\.name) + procedures.keys
            let suggestion = Suggestion.closest(to: name, in: known.sorted())
            throw RuntimeFailure.command(
                ResolveMessage.unknownFunction(name, suggestion: suggestion, domain: "runtime"), at: range
            )
        }
        guard function.signature.accepts(arguments.count) else {
            throw RuntimeFailure.command(
                ResolveMessage.wrongArgumentCount(function.signature, given: arguments.count, domain: "runtime"), at: range
            )
        }
        let call = FunctionCall(
            name: name, arguments: try await argumentValues(arguments), argumentRanges: arguments.map(\.range), range: range,
            currentDate: client.currentDate
        )
        return try function.body(call)
    }

    /// `value`, a list or record just built, unless it nests more than ``Value/maximumNesting`` deep: a loop
    /// wrapping a value in itself (`set s = [$s]`) is stopped here, before printing it would exhaust the stack.
    private static func nestingChecked(_ value: Value, at range: SourceRange) throws -> Value {
        func deeper(_ value: Value, than limit: Int) -> Bool {
            switch value {
            case .list(let elements): limit == 0 || elements.contains { deeper($0, than: limit - 1) }
            case .record(let record): limit == 0 || record.fields.contains { deeper($0.value, than: limit - 1) }
            default: false
            }
        }
        guard !deeper(value, than: Value.maximumNesting) else {
            throw RuntimeFailure.command(
                RuntimeMessages.valueTooLarge("lists and records nest at most \(Value.maximumNesting) deep"), at: range
            )
        }
        return value
    }

    /// A condition's truth; anything but a bool is a type error.
    mutating func condition(_ expr: Expr) async throws -> Bool {
        let value = try await evaluate(expr)
        guard case .bool(let flag) = value else {
            throw RuntimeFailure.typeMismatch("a condition must be true or false, not \(Self.described(value))", at: expr.range)
        }
        return flag
    }

    private func variable(_ name: String, at range: SourceRange) throws -> Value {
        if let number = Int(name) {
            if number == 0 { return .string(scriptName) }
            guard number <= arguments.count else {
                throw RuntimeFailure.command(RuntimeMessages.missingArgument(number, count: arguments.count), at: range)
            }
            return .string(arguments[number - 1])
        }
        switch name {
        case "args": return .list(arguments.map(Value.string))
        case "error": return lastError
        case "env":
            throw RuntimeFailure.typeMismatch("'$env' is read one variable at a time: $env.NAME", at: range)
        default:
            for scope in scopes.reversed() {
                if let value = scope[name] { return value }
            }
            let known = Array(Set(scopes.flatMap(\.keys))).sorted()
            let suggestion = Suggestion.closest(to: name, in: known)
            throw RuntimeFailure.command(
                ResolveMessage.undefinedVariable(name, suggestion: suggestion, domain: "runtime"), at: range
            )
        }
    }

    func field(_ name: String, of value: Value, at range: SourceRange) throws -> Value {
        switch value {
        case .record(let record):
            guard let field = record[name] else {
                throw RuntimeFailure.command(
                    RuntimeMessages.noSuchField(name, available: record.fields.map(\.name)), at: range
                )
            }
            return field
        case .list(let elements) where name == "count":
            return .integer(elements.count)
        case .string(let text) where name == "length":
            return .integer(text.count)
        default:
            throw RuntimeFailure.typeMismatch("\(Self.described(value)) has no field '\(name)'", at: range)
        }
    }

    func element(of base: Value, at index: Value, range: SourceRange) throws -> Value {
        if case .record = base, case .string(let name) = index {
            return try field(name, of: base, at: range)  // `$r[$key]` is `$r.key`
        }
        guard case .list(let elements) = base else {
            if case .record = base {
                throw RuntimeFailure.typeMismatch("a record's field is named by text, not \(Self.described(index))", at: range)
            }
            throw RuntimeFailure.typeMismatch("only lists and records can be indexed, not \(base.typeName)", at: range)
        }
        guard let position = index.integerConversion else {
            throw RuntimeFailure.typeMismatch(
                "a list index must be a whole number, not \(Self.described(index))", at: range
            )
        }
        let resolved = position < 0 ? elements.count + position : position
        guard elements.indices.contains(resolved) else {
            throw RuntimeFailure.command(RuntimeMessages.indexOutOfRange(position, count: elements.count), at: range)
        }
        return elements[resolved]
    }

    /// `==` and `!=` compare any two values (integers and numbers by value); the orderings need two numbers,
    /// two durations, two times or two strings. A string compared with a number or a duration is converted by the one rule
    /// (``Value/converted(toTypeOf:)``: `"5" == 5`, `$1 > 5`, `$env.KEEP < 7d`); one that does not convert is a
    /// type mismatch, never silently unequal.
    private func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws -> Bool {
        let (left, right) = try Self.converting(left, right, op: op, at: range)
        switch op {
        case .equal: return Self.equal(left, right)
        case .notEqual: return !Self.equal(left, right)
        default: break
        }
        let order: Int
        switch (left, right) {
        case (.integer(let a), .integer(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.duration(let a), .duration(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.time(let a), .time(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = Self.number(left), let b = Self.number(right) else {
                throw RuntimeFailure.typeMismatch("cannot compare \(left.typeName) with \(right.typeName) using '\(op.rawValue)'", at: range)
            }
            order = a < b ? -1 : (a == b ? 0 : 1)
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// The operands of a comparison with a string side converted to the other side's type (a number or a
    /// duration); other pairs as they are.
    private static func converting(_ left: Value, _ right: Value, op: BinaryOperator, at range: SourceRange) throws
        -> (Value, Value)
    {
        let (text, other) = if case .string = left { (left, right) } else { (right, left) }
        let wanted: String
        switch (text, other) {
        case (.string, .integer), (.string, .number): wanted = "a whole number such as 5"
        case (.string, .duration): wanted = "a duration such as 30s"
        case (.string, .time): wanted = "a time such as 2026-12-06T13:22:22Z"
        default: return (left, right)
        }
        guard let converted = text.converted(toTypeOf: other) else {
            throw RuntimeFailure.typeMismatch(
                "cannot compare string \(quote(text)) with \(Self.described(other)) using '\(op.rawValue)': "
                    + "the string is not \(wanted); compare it with a string (\"\(other.description)\") to compare text",
                at: range
            )
        }
        return if case .string = left { (converted, right) } else { (left, converted) }
    }

    /// `==`: integers and numbers by value, anything else as it is.
    static func equal(_ left: Value, _ right: Value) -> Bool {
        if let a = number(left), let b = number(right) { return a == b }
        return left == right
    }

    private static func number(_ value: Value) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    // MARK: Arguments of commands

    /// A text argument: a string, or a number written where text is expected.
    /// A name the statement sends to create something, checked by the service's rules (``ServiceRules``) before
    /// anything is sent: a computed name with a NUL or a space is refused here, as `check` refuses a literal one.
    mutating func nameValue(_ expr: Expr, of kind: ServiceRules.NameKind, what: String) async throws -> String {
        let name = try await stringValue(expr, what: what)
        if let problem = ServiceRules.nameProblem(name, of: kind) { throw RuntimeFailure.badArgument(problem, at: expr.range) }
        return name
    }

    /// A listing filter's value (`backups status`, `tasks type`, `tasks status`), checked against the values the
    /// service takes (``ServiceRules/filterProblem(_:of:)``) as `check` checks a literal one; `nil` without one.
    mutating func filterValue(_ expr: Expr?, of kind: ServiceRules.FilterKind, what: String) async throws -> String? {
        guard let expr else { return nil }
        let value = try await stringValue(expr, what: what)
        if let problem = ServiceRules.filterProblem(value, of: kind) { throw RuntimeFailure.badArgument(problem, at: expr.range) }
        return value
    }

    mutating func stringValue(_ expr: Expr, what: String) async throws -> String {
        let value = try await evaluate(expr)
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        default: throw RuntimeFailure.typeMismatch("\(what) must be text, not \(Self.described(value))", at: expr.range)
        }
    }

    /// A whole-number argument (an integer, or a string such as `"42"`: see ``Value/integerConversion``).
    mutating func integerValue(_ expr: Expr, what: String) async throws -> Int {
        let value = try await evaluate(expr)
        guard let number = value.integerConversion else {
            throw RuntimeFailure.typeMismatch("\(what) must be a whole number, not \(Self.described(value))", at: expr.range)
        }
        return number
    }

    /// A duration argument (a duration, or a string such as `"7d"`: see ``Value/durationConversion``); never
    /// negative.
    mutating func durationValue(_ expr: Expr) async throws -> Duration {
        let value = try await evaluate(expr)
        guard let duration = value.durationConversion, duration >= .zero else {
            var message = "expected a duration such as 30s or 5m, not \(Self.described(value))"
            if value.integerConversion != nil { message += "; a duration needs a unit (ms, s, m, h, d)" }
            throw RuntimeFailure.typeMismatch(message, at: expr.range)
        }
        return duration
    }

    // The same for an optional part of a statement: `nil` when it is not written.

    mutating func evaluate(_ expr: Expr?) async throws -> Value? {
        guard let expr else { return nil }
        return try await evaluate(expr)
    }

    mutating func nameValue(_ expr: Expr?, of kind: ServiceRules.NameKind, what: String) async throws -> String? {
        guard let expr else { return nil }
        let name: String = try await nameValue(expr, of: kind, what: what)
        return name
    }

    mutating func stringValue(_ expr: Expr?, what: String) async throws -> String? {
        guard let expr else { return nil }
        let text: String = try await stringValue(expr, what: what)
        return text
    }

    mutating func integerValue(_ expr: Expr?, what: String) async throws -> Int? {
        guard let expr else { return nil }
        let number: Int = try await integerValue(expr, what: what)
        return number
    }

    mutating func durationValue(_ expr: Expr?) async throws -> Duration? {
        guard let expr else { return nil }
        return try await durationValue(expr)
    }

    /// A short quotation of a value for messages.
    /// A value for a message: `integer 256`, `string "abc"`, and `null` alone.
    static func described(_ value: Value) -> String {
        if case .null = value { return "null" }
        return "\(value.typeName) \(quote(value))"
    }

    static func quote(_ value: Value) -> String {
        let text = value.description
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        if case .string = value { return "\"\(short)\"" }
        return short
    }

}
