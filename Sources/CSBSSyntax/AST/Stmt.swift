/// The kind of resource `attach` protects.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    case server
    case disk
}

/// One statement of a script.
public indirect enum Stmt: Sendable, Hashable {
    /// `vault NAME size GB [server|disk] [crash|app] [tag K=V …] [resize]`
    case vault(VaultStmt)
    /// `attach server|disk ID [name STRING]`
    case attach(AttachStmt)
    /// `backup [name STRING] [description STRING] [full|incremental] [server ID …] [wait [timeout DURATION]]`
    case backup(BackupStmt)
    /// `protect server ID [name STRING] [description STRING] [incremental] [wait [timeout DURATION]]` (CSBS v1).
    case protect(ProtectStmt)
    /// `let NAME = VALUE` declares a variable in the current block.
    case `let`(AssignStmt)
    /// `set NAME = VALUE` changes the nearest existing variable.
    case set(AssignStmt)
    /// `echo VALUE…`, or `warn VALUE…` on standard error
    case echo(EchoStmt)
    /// `param NAME [= DEFAULT]`: a parameter of the script, from `--var NAME=VALUE`.
    case param(ParamStmt)
    /// `confirm MESSAGE`: asks before going on.
    case confirm(ConfirmStmt)
    /// `if COND { … } else { … }`
    case `if`(IfStmt)
    /// `for NAME in LIST { … }`
    case `for`(ForStmt)
    /// `while COND { … }`
    case `while`(WhileStmt)
    /// `break`: ends the innermost `for` or `while`.
    case `break`(SourceRange)
    /// `continue`: goes on with the next iteration of the innermost `for` or `while`.
    case `continue`(SourceRange)
    /// `assert COND [MESSAGE]`
    case assert(AssertStmt)
    /// `sleep DURATION`
    case sleep(SleepStmt)
    /// `source PATH`
    case source(SourceStmt)
    /// `exit [CODE]`
    case exit(ExitStmt)
    /// `on error stop|continue`
    case onError(OnErrorStmt)
    /// `try { … } catch [NAME] { … }`
    case `try`(TryStmt)
    /// `retry N [every D] [backoff] { … }`
    case retry(RetryStmt)
    /// `def NAME(PARAM, …) { … }`: defines a procedure.
    case def(DefStmt)
    /// `return [VALUE]`: ends the procedure being run.
    case `return`(ReturnStmt)
    /// A value on its own, such as `$r` or `$list[0]`: prints it.
    case expression(Expr)
    /// `vaults`: lists the project's vaults.
    case vaults(SourceRange)
    /// `use vault NAME`: selects an existing vault.
    case useVault(VaultReference)
    /// `show vault [NAME]`: the vault's details (the selected one without NAME).
    case showVault(VaultReference)
    /// `backups [vault NAME] [server ID] [status S] [since D] [limit N]`: lists backups.
    case backups(BackupsStmt)
    /// `show backup ID` or `show checkpoint ID`.
    case showObject(ShowObjectStmt)
    /// `wait [ID] [timeout D]`: waits for a checkpoint or backup to finish.
    case wait(WaitStmt)
    /// `restore backup ID [to server ID] [power-on] [wait [timeout D]]`.
    case restore(RestoreStmt)
    /// `delete backup ID [wait [timeout D]]`.
    case deleteBackup(DeleteBackupStmt)
    /// `servers`: the project's servers with their protection status.
    case servers(SourceRange)
    /// `detach server|disk ID`.
    case detach(DetachStmt)
    /// `resize vault [NAME] size GB`.
    case resizeVault(ResizeVaultStmt)
    /// `delete vault [NAME] [force]`.
    case deleteVault(DeleteVaultStmt)
    /// `tasks [vault NAME] [type T] [status S] [limit N]`.
    case tasks(TasksStmt)
    /// `policy NAME every day|WEEKDAYS at HH:MM [keep N | retain D] [update]`.
    case policy(PolicyStmt)
    /// `policies [vault NAME]`.
    case policies(PoliciesStmt)
    /// `bind policy NAME`.
    case bindPolicy(PolicyBindingStmt)
    /// `unbind policy NAME`.
    case unbindPolicy(PolicyBindingStmt)
    /// `region NAME`, `profile NAME` or `endpoint URL`: switches the connection the following statements use.
    case context(ContextStmt)

    /// The 0-based UTF-8 range from the statement's keyword to its last token, without the terminator.
    public var range: SourceRange {
        switch self {
        case .vault(let statement): statement.range
        case .attach(let statement): statement.range
        case .backup(let statement): statement.range
        case .protect(let statement): statement.range
        case .let(let statement), .set(let statement): statement.range
        case .echo(let statement): statement.range
        case .param(let statement): statement.range
        case .confirm(let statement): statement.range
        case .if(let statement): statement.range
        case .for(let statement): statement.range
        case .while(let statement): statement.range
        case .break(let range), .continue(let range): range
        case .assert(let statement): statement.range
        case .sleep(let statement): statement.range
        case .source(let statement): statement.range
        case .exit(let statement): statement.range
        case .onError(let statement): statement.range
        case .try(let statement): statement.range
        case .retry(let statement): statement.range
        case .def(let statement): statement.range
        case .return(let statement): statement.range
        case .expression(let expr): expr.range
        case .vaults(let range): range
        case .useVault(let reference), .showVault(let reference): reference.range
        case .backups(let statement): statement.range
        case .showObject(let statement): statement.range
        case .wait(let statement): statement.range
        case .restore(let statement): statement.range
        case .deleteBackup(let statement): statement.range
        case .servers(let range): range
        case .detach(let statement): statement.range
        case .resizeVault(let statement): statement.range
        case .deleteVault(let statement): statement.range
        case .tasks(let statement): statement.range
        case .policy(let statement): statement.range
        case .policies(let statement): statement.range
        case .bindPolicy(let statement), .unbindPolicy(let statement): statement.range
        case .context(let statement): statement.range
        }
    }
}

extension Stmt {
    /// The statement as a ``CommandSyntax``, for the command statements the dump and the resolver treat alike;
    /// `nil` for the others (control flow, variables, context, and commands with a special form).
    public var commandSyntax: (any CommandSyntax)? {
        switch self {
        case .vault(let statement): statement
        case .attach(let statement): statement
        case .backup(let statement): statement
        case .protect(let statement): statement
        case .backups(let statement): statement
        case .showObject(let statement): statement
        case .wait(let statement): statement
        case .restore(let statement): statement
        case .deleteBackup(let statement): statement
        case .detach(let statement): statement
        case .resizeVault(let statement): statement
        case .deleteVault(let statement): statement
        case .tasks(let statement): statement
        case .policies(let statement): statement
        case .let, .set, .echo, .param, .confirm, .if, .for, .while, .break, .continue, .assert, .sleep, .source, .exit,
            .onError, .try, .retry, .def, .return, .expression, .context, .vaults, .servers, .useVault, .showVault,
            .policy, .bindPolicy, .unbindPolicy:
            nil
        }
    }
}

/// How consistent a vault's backups are: the wire value of `billing.consistent_level`.
public enum VaultConsistency: String, Sendable, Hashable, CaseIterable {
    /// `crash`: crash-consistent backups (the default).
    case crash
    /// `app`: application-consistent backups.
    case app

    /// The value the service uses: `crash_consistent` or `app_consistent`.
    public var wireValue: String { "\(rawValue)_consistent" }
}

/// One `KEY=VALUE` pair of a `tag` option.
public struct TagPair: Sendable, Hashable {
    /// The tag's key: a bare word, a string or a computed value.
    public let key: Expr
    /// The tag's value: a bare word or number as written, a string or a computed value.
    public let value: Expr
    /// The 0-based UTF-8 range from the key to the value.
    public let range: SourceRange

    public init(key: Expr, value: Expr, range: SourceRange) {
        self.key = key
        self.value = value
        self.range = range
    }
}

/// `vault NAME size GB [server|disk] [crash|app] [tag K=V …] [resize]`: create the vault if it is missing, then
/// select it.
public struct VaultStmt: Sendable, Hashable {
    /// The vault's name: a string, a bare word or any other value.
    public let name: Expr
    /// The size in GB: an integer.
    public let size: Expr
    /// What the vault protects, if said (`server` when not).
    public let protection: ResourceKind?
    /// The backups' consistency, if said (`crash` when not).
    public let consistency: VaultConsistency?
    /// The tags to create the vault with, in order.
    public let tags: [TagPair]
    /// Whether an existing vault of another size is resized to `size`.
    public let resize: Bool
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(
        name: Expr, size: Expr, protection: ResourceKind? = nil, consistency: VaultConsistency? = nil,
        tags: [TagPair] = [], resize: Bool = false, range: SourceRange
    ) {
        self.name = name
        self.size = size
        self.protection = protection
        self.consistency = consistency
        self.tags = tags
        self.resize = resize
        self.range = range
    }
}

/// `attach server|disk ID… [name STRING]`: add resources to the selected vault.
public struct AttachStmt: Sendable, Hashable {
    public let kind: ResourceKind
    /// The resources' IDs, at least one: each a bare word, a string or any other value (which may be a list of IDs).
    public let ids: [Expr]
    /// The display name given with `name`, if any (for one resource only).
    public let name: Expr?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(kind: ResourceKind, ids: [Expr], name: Expr?, range: SourceRange) {
        self.kind = kind
        self.ids = ids
        self.name = name
        self.range = range
    }
}

/// `backup [name STRING] [description STRING] [full|incremental] [server ID …] [wait [timeout DURATION]]`: create
/// a restore point.
public struct BackupStmt: Sendable, Hashable {
    /// The backup's name, if given.
    public let name: Expr?
    /// The backup's description, if given.
    public let description: Expr?
    /// `true` for `incremental`, `false` for `full`, `nil` when neither is said (the service's default).
    public let incremental: Bool?
    /// The resources to back up (`server ID …` or `disk ID …`); empty backs up every resource of the vault. Each
    /// value is an ID or a list of IDs.
    public let resources: [Expr]
    /// Whether and how long to wait for the backup to become available.
    public let wait: WaitClause?
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(
        name: Expr?, description: Expr?, incremental: Bool? = nil, resources: [Expr] = [], wait: WaitClause?,
        range: SourceRange
    ) {
        self.name = name
        self.description = description
        self.incremental = incremental
        self.resources = resources
        self.wait = wait
        self.range = range
    }
}

/// `use vault NAME` or `show vault [NAME]`.
public struct VaultReference: Sendable, Hashable {
    /// The vault's name or ID; `nil` means the selected vault.
    public let name: Expr?
    public let range: SourceRange

    public init(name: Expr?, range: SourceRange) {
        self.name = name
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

extension VaultStmt {
    /// The options without values, as ` server app resize`, for ``Script/debugDump(_:)``.
    var dumpOptions: String {
        [protection?.rawValue, consistency?.rawValue, resize ? "resize" : nil].compactMap { $0 }
            .map { " " + $0 }.joined()
    }
}

extension BackupStmt {
    /// ` full` or ` incremental` when said, for ``Script/debugDump(_:)``.
    var dumpOptions: String {
        incremental.map { $0 ? " incremental" : " full" } ?? ""
    }
}

// The parts of the three commands a runbook holds most are built in one array each: the resolver asks every
// statement for them, and the concatenations of smaller arrays were three allocations a statement.

extension VaultStmt: CommandSyntax {
    public var dumpTitle: String { "Vault" + dumpOptions }
    public var parts: [CommandPart] {
        var parts: [CommandPart] = []
        parts.reserveCapacity(2 + 2 * tags.count)
        parts.append(.expression(name, label: "name"))
        parts.append(.expression(size, label: "size"))
        for tag in tags {
            parts.append(.expression(tag.key, label: "tag key"))
            parts.append(.expression(tag.value, label: "tag value"))
        }
        return parts
    }
}

extension AttachStmt: CommandSyntax {
    public var dumpTitle: String { "Attach \(kind.rawValue)" }
    public var parts: [CommandPart] {
        var parts: [CommandPart] = []
        parts.reserveCapacity(ids.count + 1)
        for id in ids { parts.append(.expression(id, label: "id")) }
        parts.append(.expression(name, label: "name"))
        return parts
    }
}

extension BackupStmt: CommandSyntax {
    public var dumpTitle: String { "Backup" + dumpOptions }
    public var parts: [CommandPart] {
        var parts: [CommandPart] = []
        parts.reserveCapacity(resources.count + 3)
        parts.append(.expression(name, label: "name"))
        parts.append(.expression(description, label: "description"))
        for resource in resources { parts.append(.expression(resource, label: "resource")) }
        parts.append(.wait(wait))
        return parts
    }
}

extension Stmt {
    /// Whether the statement sends requests for a result: a command (`vault`, `backups`, `policy`, …), captured
    /// with `let`/`set` or not. Context switches (`region`, `profile`, `endpoint`) and control flow are not.
    public var isCommand: Bool {
        switch self {
        case .vault, .attach, .backup, .protect, .vaults, .useVault, .showVault, .backups, .showObject, .wait,
            .restore, .deleteBackup, .servers, .detach, .resizeVault, .deleteVault, .tasks, .policy, .policies,
            .bindPolicy, .unbindPolicy:
            return true
        case .let(let assign), .set(let assign):
            if case .command = assign.value { return true }
            return false
        case .echo, .param, .confirm, .if, .for, .while, .break, .continue, .assert, .sleep, .source, .exit, .onError,
            .try, .retry, .def, .return, .expression, .context:
            return false
        }
    }
}
