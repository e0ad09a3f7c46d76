/// `protect server ID [name STRING] [description STRING] [incremental] [wait [timeout DURATION]]`: back up one
/// server with CSBS v1 (the legacy Cloud Server Backup Service).
public struct ProtectStmt: Sendable, Hashable {
    /// The server's ID.
    public let server: Expr
    /// The backup's name, if given.
    public let name: Expr?
    /// The backup's description, if given.
    public let description: Expr?
    /// Whether an incremental backup was asked for (the first backup of a server is always full).
    public let incremental: Bool
    /// Whether and how long to wait for the backup to become available.
    public let wait: WaitClause?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(
        server: Expr, name: Expr?, description: Expr?, incremental: Bool, wait: WaitClause?, range: SourceRange
    ) {
        self.server = server
        self.name = name
        self.description = description
        self.incremental = incremental
        self.wait = wait
        self.range = range
    }
}

extension ProtectStmt: CommandSyntax {
    public var dumpTitle: String { "Protect\(incremental ? " incremental" : "")" }
    public var parts: [CommandPart] {
        [
            .expression(server, label: "server"), .expression(name, label: "name"),
            .expression(description, label: "description"), .wait(wait),
        ]
    }
}
