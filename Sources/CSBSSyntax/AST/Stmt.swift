/// The kind of resource `attach` protects.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    case server
    case disk
}

/// One statement of a script.
public enum Stmt: Sendable, Hashable {
    /// `vault NAME size GB`
    case vault(VaultStmt)
    /// `attach server|disk ID [name STRING]`
    case attach(AttachStmt)
    /// `backup [name STRING] [description STRING] [wait [timeout DURATION]]`
    case backup(BackupStmt)

    /// The 0-based UTF-8 range from the statement's keyword to its last token, without the terminator.
    public var range: SourceRange {
        switch self {
        case .vault(let statement): statement.range
        case .attach(let statement): statement.range
        case .backup(let statement): statement.range
        }
    }
}

/// `vault NAME size GB`: create the vault if it is missing, then select it.
public struct VaultStmt: Sendable, Hashable {
    /// The vault's name: a string or a bare word.
    public let name: Expr
    /// The size in GB: an integer.
    public let size: Expr
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(name: Expr, size: Expr, range: SourceRange) {
        self.name = name
        self.size = size
        self.range = range
    }
}

/// `attach server|disk ID [name STRING]`: add a resource to the selected vault.
public struct AttachStmt: Sendable, Hashable {
    public let kind: ResourceKind
    /// The resource's ID: a bare word or a string.
    public let id: Expr
    /// The display name given with `name`, if any: a string.
    public let name: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(kind: ResourceKind, id: Expr, name: Expr?, range: SourceRange) {
        self.kind = kind
        self.id = id
        self.name = name
        self.range = range
    }
}

/// `backup [name STRING] [description STRING] [wait [timeout DURATION]]`: create a restore point.
public struct BackupStmt: Sendable, Hashable {
    /// The backup's name, if given: a string.
    public let name: Expr?
    /// The backup's description, if given: a string.
    public let description: Expr?
    /// Whether and how long to wait for the backup to become available.
    public let wait: WaitClause?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(name: Expr?, description: Expr?, wait: WaitClause?, range: SourceRange) {
        self.name = name
        self.description = description
        self.wait = wait
        self.range = range
    }
}

/// `wait [timeout DURATION]` inside a statement.
public struct WaitClause: Sendable, Hashable {
    /// The longest time to wait, if given: a duration.
    public let timeout: Expr?
    /// The 0-based UTF-8 range from `wait` to the end of the clause.
    public let range: SourceRange

    public init(timeout: Expr?, range: SourceRange) {
        self.timeout = timeout
        self.range = range
    }
}
