/// Everything completion can offer, as a snapshot: the language's keywords (static) and names from the
/// live backend and the session (refreshed by the shell, briefly cached).
public struct CompletionCatalog: Sendable, Equatable {
    /// A server or disk: what is inserted (the id) and what a person recognises (the name).
    public struct Resource: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Words that start a statement (including shell commands such as `help` and `history`).
    public var statements: [String]
    /// The statements' shapes, for the keywords that may come next.
    public var grammar: SynopsisGrammar
    public var vaultNames: [String]
    public var servers: [Resource]
    public var disks: [Resource]
    /// Backup and checkpoint ids seen in this session or listed from the backend.
    public var backupIDs: [String]
    public var checkpointIDs: [String]
    /// Variable names without `$`.
    public var variables: [String]
    /// The names under `$env.`.
    public var environmentNames: [String]
    /// The values a keyword takes, by keyword (`region` → the known regions, `every` → the weekdays) or, where
    /// statements differ, by statement and keyword (`backups status`, `tasks status`, `tasks type`).
    public var values: [String: [String]]

    public init(
        statements: [String] = [],
        synopses: [String] = [],
        vaultNames: [String] = [],
        servers: [Resource] = [],
        disks: [Resource] = [],
        backupIDs: [String] = [],
        checkpointIDs: [String] = [],
        variables: [String] = [],
        environmentNames: [String] = [],
        values: [String: [String]] = [:]
    ) {
        self.statements = statements
        self.grammar = SynopsisGrammar(synopses: synopses)
        self.vaultNames = vaultNames
        self.servers = servers
        self.disks = disks
        self.backupIDs = backupIDs
        self.checkpointIDs = checkpointIDs
        self.variables = variables
        self.environmentNames = environmentNames
        self.values = values
    }
}
