import GRDB

/// A file-backup client registered in a project (`register_agent`). Table `agent`; the client chooses its id,
/// unique per project.
struct AgentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "agent"

    var id: String
    var projectId: String
    var hostName: String
    var hostNickname: String?
    var hostIp: String
    var hostOs: String
    var agentVersion: String?
    /// `cloud` or `native`.
    var agentType: String?
    /// `available` once registered, `uninstall` after `update_agent`.
    var status: String
    var createdAt: Int64
    var updatedAt: Int64
    /// The last registration or update: the emulator has no heartbeat.
    var lastActiveAt: Int64
}

/// A backup path of a client (`add_agent_path`). Table `agentPath`; a directory once per client.
struct AgentPathRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "agentPath"

    var id: String
    var projectId: String
    var agentId: String
    var dirPath: String
    /// Directories left out below it, comma-separated (`exclude_paths`), empty when none.
    var excludePaths: String
    var createdAt: Int64
}
