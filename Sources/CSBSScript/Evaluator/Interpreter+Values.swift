import CSBSSyntax

extension Interpreter {
    /// Text of a string, word or number argument.
    func text(_ expr: Expr) -> String {
        switch expr {
        case .string(let value, _), .word(let value, _): value
        case .integer(let value, _): String(value)
        case .duration(let value, _): "\(value)"
        }
    }

    /// An integer argument; the parser guarantees the shape, so anything else is reported, not trapped on.
    func integer(_ expr: Expr) throws -> Int {
        if case .integer(let value, _) = expr { return value }
        throw RuntimeFailure(
            category: .command,
            diagnostic: Diagnostic(
                SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "expectedInteger"), message: "expected an integer"),
                range: expr.range
            )
        )
    }

    func duration(_ expr: Expr) throws -> Duration {
        if case .duration(let value, _) = expr { return value }
        throw RuntimeFailure(
            category: .command,
            diagnostic: Diagnostic(
                SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "expectedDuration"), message: "expected a duration such as 30m"),
                range: expr.range
            )
        )
    }
}
