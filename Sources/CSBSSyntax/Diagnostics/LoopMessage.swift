/// The messages of loops and ranges, shared by `csbs check` (`parse.*`, `resolve.*`) and the evaluator
/// (`runtime.*`), so a rule reads the same wherever it is found.
public enum LoopMessage {
    /// `break` or `continue` with no `for` or `while` around it.
    public static func outsideLoop(_ keyword: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "resolve", name: "\(keyword)OutsideLoop"),
            message: "'\(keyword)' is only allowed inside the body of a 'for' or 'while' loop"
        )
    }

    /// `break` directly in a `for … parallel` body.
    public static func breakInParallel(domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "breakInParallel"),
            message: "'break' cannot stop a 'for … parallel' loop: its items run at once; 'continue' ends this item, "
                + "or fail the item with 'assert' and decide after the loop"
        )
    }

    /// A range bound that is a literal but not a whole number.
    public static func expectedRangeBound(_ found: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "parse", name: "expectedRangeBound"),
            message: "a range's bounds are whole numbers, such as 1..30 or 1..$n, not \(found)"
        )
    }

    /// `5..1` written with two literal bounds: it would be empty.
    public static func descendingRange(_ first: Int, _ last: Int) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "parse", name: "descendingRange"),
            message: "the range \(first)..\(last) is empty: a range counts up from its first bound to its last; "
                + "write \(last)..\(first)"
        )
    }

    /// A range of more than ``Expr/maximumRangeCount`` numbers.
    public static func rangeTooLarge(_ first: Int, _ last: Int, domain: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "rangeTooLarge"),
            message: "the range \(first)..\(last) holds more than \(Expr.maximumRangeCount) numbers, the most a range "
                + "may hold"
        )
    }

    /// The number of elements of `first...last`, or `nil` when it holds more than ``Expr/maximumRangeCount``;
    /// 0 when `last` is below `first`.
    public static func rangeCount(_ first: Int, _ last: Int) -> Int? {
        guard last >= first else { return 0 }
        let (difference, overflow) = last.subtractingReportingOverflow(first)
        guard !overflow, difference < Expr.maximumRangeCount else { return nil }
        return difference + 1
    }
}
