/// `backups [vault NAME] [server ID] [status S] [since DURATION] [limit N]`: lists backups, newest first.
public struct BackupsStmt: Sendable, Hashable {
    /// The vault whose backups to list (by name or ID); `nil` lists every vault's.
    public let vault: Expr?
    /// Only backups of this resource (a server's or disk's ID).
    public let server: Expr?
    /// Only backups in this status, such as `available` or `error`.
    public let status: Expr?
    /// Only backups made within this duration before now.
    public let since: Expr?
    /// At most this many backups.
    public let limit: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(vault: Expr?, server: Expr?, status: Expr?, since: Expr?, limit: Expr?, range: SourceRange) {
        self.vault = vault
        self.server = server
        self.status = status
        self.since = since
        self.limit = limit
        self.range = range
    }
}

/// What `show backup|checkpoint ID` shows.
public enum ObjectKind: String, Sendable, Hashable, CaseIterable {
    /// One resource's backup.
    case backup
    /// A restore point: one backup run over a vault's resources.
    case checkpoint
}

/// `show backup ID` or `show checkpoint ID`.
public struct ShowObjectStmt: Sendable, Hashable {
    public let kind: ObjectKind
    /// The backup's or checkpoint's ID.
    public let id: Expr
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(kind: ObjectKind, id: Expr, range: SourceRange) {
        self.kind = kind
        self.id = id
        self.range = range
    }
}

/// `wait [ID] [timeout DURATION]`: waits for a checkpoint or backup to finish.
public struct WaitStmt: Sendable, Hashable {
    /// A checkpoint's or backup's ID; `nil` means the last `backup` of the session.
    public let id: Expr?
    /// The longest time to wait, if given: a duration.
    public let timeout: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(id: Expr?, timeout: Expr?, range: SourceRange) {
        self.id = id
        self.timeout = timeout
        self.range = range
    }
}

/// `restore backup ID [to server ID] [power-on] [wait [timeout DURATION]]`.
public struct RestoreStmt: Sendable, Hashable {
    /// The backup to restore.
    public let id: Expr
    /// Another server to restore a server backup onto; `nil` restores onto the backed-up resource.
    public let server: Expr?
    /// Whether to start the server after the restore.
    public let powerOn: Bool
    /// Whether and how long to wait for the restore to finish.
    public let wait: WaitClause?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(id: Expr, server: Expr?, powerOn: Bool, wait: WaitClause?, range: SourceRange) {
        self.id = id
        self.server = server
        self.powerOn = powerOn
        self.wait = wait
        self.range = range
    }
}

/// `delete backup ID [wait [timeout DURATION]]`.
public struct DeleteBackupStmt: Sendable, Hashable {
    /// The backup to delete.
    public let id: Expr
    /// Whether and how long to wait until the backup is gone.
    public let wait: WaitClause?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(id: Expr, wait: WaitClause?, range: SourceRange) {
        self.id = id
        self.wait = wait
        self.range = range
    }
}

/// `detach server|disk ID…`: removes resources from the selected vault.
public struct DetachStmt: Sendable, Hashable {
    public let kind: ResourceKind
    /// The resources' IDs, at least one: each a bare word, a string or any other value (which may be a list of IDs).
    public let ids: [Expr]
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(kind: ResourceKind, ids: [Expr], range: SourceRange) {
        self.kind = kind
        self.ids = ids
        self.range = range
    }
}

/// `resize vault [NAME] size GB`.
public struct ResizeVaultStmt: Sendable, Hashable {
    /// The vault's name or ID; `nil` means the selected vault.
    public let name: Expr?
    /// The new size in GB.
    public let size: Expr
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(name: Expr?, size: Expr, range: SourceRange) {
        self.name = name
        self.size = size
        self.range = range
    }
}

/// `delete vault [NAME] [force]`.
public struct DeleteVaultStmt: Sendable, Hashable {
    /// The vault's name or ID; `nil` means the selected vault.
    public let name: Expr?
    /// Whether to delete a vault that still holds resources or backups.
    public let force: Bool
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(name: Expr?, force: Bool, range: SourceRange) {
        self.name = name
        self.force = force
        self.range = range
    }
}

/// `tasks [vault NAME] [type T] [status S] [limit N]`: the project's operation logs, newest first.
public struct TasksStmt: Sendable, Hashable {
    /// Only tasks of this vault (a name or ID).
    public let vault: Expr?
    /// Only tasks of this operation type, such as `backup`, `restore` or `delete`.
    public let type: Expr?
    /// Only tasks in this status, such as `running`, `success` or `failed`.
    public let status: Expr?
    /// At most this many tasks.
    public let limit: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(vault: Expr?, type: Expr?, status: Expr?, limit: Expr?, range: SourceRange) {
        self.vault = vault
        self.type = type
        self.status = status
        self.limit = limit
        self.range = range
    }
}

extension BackupsStmt: CommandSyntax {
    public var dumpTitle: String { "Backups" }
    public var parts: [CommandPart] {
        [
            .expression(vault, label: "vault"), .expression(server, label: "server"),
            .expression(status, label: "status"), .expression(since, label: "since"), .expression(limit, label: "limit"),
        ]
    }
}

extension ShowObjectStmt: CommandSyntax {
    public var dumpTitle: String { "Show \(kind.rawValue)" }
    public var parts: [CommandPart] { [.expression(id, label: "id")] }
}

extension WaitStmt: CommandSyntax {
    public var dumpTitle: String { "Wait" }
    public var parts: [CommandPart] { [.expression(id, label: "id"), .expression(timeout, label: "timeout")] }
}

extension RestoreStmt: CommandSyntax {
    public var dumpTitle: String { "Restore\(powerOn ? " power-on" : "")" }
    public var parts: [CommandPart] { [.expression(id, label: "backup"), .expression(server, label: "server"), .wait(wait)] }
}

extension DeleteBackupStmt: CommandSyntax {
    public var dumpTitle: String { "DeleteBackup" }
    public var parts: [CommandPart] { [.expression(id, label: "backup"), .wait(wait)] }
}

extension DetachStmt: CommandSyntax {
    public var dumpTitle: String { "Detach \(kind.rawValue)" }
    public var parts: [CommandPart] { ids.map { .expression($0, label: "id") } }
}

extension ResizeVaultStmt: CommandSyntax {
    public var dumpTitle: String { "ResizeVault" }
    public var parts: [CommandPart] { [.expression(name, label: "name"), .expression(size, label: "size")] }
}

extension DeleteVaultStmt: CommandSyntax {
    public var dumpTitle: String { "DeleteVault\(force ? " force" : "")" }
    public var parts: [CommandPart] { [.expression(name, label: "name")] }
}

extension TasksStmt: CommandSyntax {
    public var dumpTitle: String { "Tasks" }
    public var parts: [CommandPart] {
        [
            .expression(vault, label: "vault"), .expression(type, label: "type"),
            .expression(status, label: "status"), .expression(limit, label: "limit"),
        ]
    }
}
