/// One part of a command statement as the passes that treat commands alike see it.
public enum CommandPart: Sendable {
    /// An expression the statement reads, with its label in the tree dump; `nil` when the option is absent.
    case expression(Expr?, label: String)
    /// A `wait [timeout D]` option; `nil` when absent.
    case wait(WaitClause?)
}

/// What a command statement tells the tree dump (``Script/debugDump(_:)``) and name resolution: its line in the dump
/// and the expressions it reads, in source order. A statement that sends requests and needs nothing special from
/// those passes conforms in its own file (beside its struct), and ``Stmt/commandSyntax`` lists it; the dump and the
/// resolver then need no edit.
public protocol CommandSyntax: Sendable {
    /// The 0-based UTF-8 range of the whole statement.
    var range: SourceRange { get }
    /// The head of its line in the tree dump: `Tasks`, `Restore power-on`.
    var dumpTitle: String { get }
    /// Its parts, in the order the dump lists them and the resolver reads them.
    var parts: [CommandPart] { get }
}
