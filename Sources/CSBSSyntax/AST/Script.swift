/// A parsed script: its statements in source order.
public struct Script: Sendable, Hashable {
    /// The statements that parsed; statements with errors are left out.
    public let statements: [Stmt]

    public init(statements: [Stmt]) {
        self.statements = statements
    }
}
