import GRDB

/// A client with its backup paths, as its wire form needs it.
struct AgentDetails: Sendable, Equatable {
    var agent: AgentRecord
    /// In the order they were added.
    var paths: [AgentPathRecord]
}

/// A validated `register_agent` body.
struct AgentRegistration: Sendable, Equatable {
    var id: String
    var hostName: String
    var hostNickname: String?
    var hostIp: String
    var hostOs: String
    var agentVersion: String?
    var agentType: String?
}

/// Filters and paging of `GET /agents`.
struct AgentFilter: Sendable, Equatable {
    var status: String?
    /// `agent_id` (repeatable): only these clients.
    var ids: [String] = []
    var limit = 1000
    var offset = 0
}

/// What `check_agent` answers for one resource.
struct AgentCheck: Sendable, Equatable {
    var resourceID: String
    var installed: Bool
    var version: String?
}

extension EmulatorStore {
    /// Registers a client, or registers it again (a reinstall): the host fields are replaced, the status is
    /// `available` again, its paths and creation time stay.
    func registerAgent(_ registration: AgentRegistration, projectID: String, at now: Int64) async throws -> AgentDetails {
        try await writeState { db in
            var agent = AgentRecord(
                id: registration.id, projectId: projectID, hostName: registration.hostName,
                hostNickname: registration.hostNickname, hostIp: registration.hostIp, hostOs: registration.hostOs,
                agentVersion: registration.agentVersion, agentType: registration.agentType, status: "available",
                createdAt: now, updatedAt: now, lastActiveAt: now
            )
            if let existing = try Self.agent(registration.id, projectID: projectID, in: db) {
                agent.createdAt = existing.createdAt
            }
            try agent.upsert(db)
            return try Self.details(of: agent, in: db)
        }
    }

    /// The project's clients matching `filter` (by creation, oldest first), one page, and the match count.
    func agents(projectID: String, filter: AgentFilter) async throws -> (total: Int, page: [AgentDetails]) {
        try await readState { db in
            var request = AgentRecord.filter(Column("projectId") == projectID)
            if let status = filter.status { request = request.filter(Column("status") == status) }
            if !filter.ids.isEmpty { request = request.filter(filter.ids.contains(Column("id"))) }
            let total = try request.fetchCount(db)
            let page = try request.order(Column("createdAt"), Column("id")).limit(filter.limit, offset: filter.offset)
                .fetchAll(db)
            return (total, try page.map { try Self.details(of: $0, in: db) })
        }
    }

    /// One client of the project.
    /// - Throws: ``EmulatorError/invalidAgent(_:)``.
    func agent(id: String, projectID: String) async throws -> AgentDetails {
        try await readState { db in try Self.details(of: try Self.requireAgent(id, projectID: projectID, in: db), in: db) }
    }

    /// Sets a client's status (`uninstall`, the only value the service takes: the client reports its removal).
    /// - Throws: ``EmulatorError/invalidAgent(_:)``.
    func updateAgent(id: String, projectID: String, status: String, at now: Int64) async throws -> AgentDetails {
        try await writeState { db in
            var agent = try Self.requireAgent(id, projectID: projectID, in: db)
            agent.status = status
            agent.updatedAt = now
            agent.lastActiveAt = now
            try agent.update(db)
            return try Self.details(of: agent, in: db)
        }
    }

    /// Removes a client and its paths.
    /// - Throws: ``EmulatorError/invalidAgent(_:)``.
    func unregisterAgent(id: String, projectID: String) async throws {
        try await writeState { db in
            _ = try Self.requireAgent(id, projectID: projectID, in: db).delete(db)
        }
    }

    /// Adds backup paths (not checked to exist, as the service does not) and sets the excluded directories of
    /// the paths `excludes` names (added now or before; others are ignored).
    /// - Returns: The paths added and those the client already had, each in request order.
    /// - Throws: ``EmulatorError/invalidAgent(_:)``.
    func addAgentPaths(
        id: String,
        projectID: String,
        paths: [String],
        excludes: [String: [String]],
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (added: [String], existed: [String]) {
        try await writeState { db in
            let agent = try Self.requireAgent(id, projectID: projectID, in: db)
            let current = try Self.paths(of: agent, in: db)
            var byPath = Dictionary(current.map { ($0.dirPath, $0) }, uniquingKeysWith: { first, _ in first })
            var added: [String] = []
            var existed: [String] = []
            for path in paths {
                if byPath[path] != nil {
                    existed.append(path)
                    continue
                }
                let record = AgentPathRecord(
                    id: environment.identifiers.uuid(), projectId: projectID, agentId: agent.id, dirPath: path,
                    excludePaths: "", createdAt: now
                )
                try record.insert(db)
                byPath[path] = record
                added.append(path)
            }
            for (path, excluded) in excludes {
                guard var record = byPath[path] else { continue }
                record.excludePaths = excluded.joined(separator: ",")
                try record.update(db)
            }
            return (added, existed)
        }
    }

    /// Removes backup paths of a client.
    /// - Returns: The paths removed and those the client did not have, each in request order.
    /// - Throws: ``EmulatorError/invalidAgent(_:)``.
    func removeAgentPaths(id: String, projectID: String, paths: [String]) async throws -> (removed: [String], notExisted: [String]) {
        try await writeState { db in
            let agent = try Self.requireAgent(id, projectID: projectID, in: db)
            var removed: [String] = []
            var missing: [String] = []
            for path in paths {
                let count = try AgentPathRecord.filter(Column("projectId") == projectID && Column("agentId") == agent.id)
                    .filter(Column("dirPath") == path).deleteAll(db)
                if count > 0 { removed.append(path) } else { missing.append(path) }
            }
            return (removed, missing)
        }
    }

    /// Whether each server of the project has a client: an `available` one registered with the server's name as
    /// its host name (how the emulator ties a client to a server: **inferred**).
    /// - Throws: ``EmulatorError/serverNotFound(_:)`` for a server not in the project.
    func checkAgents(projectID: String, serverIDs: [String]) async throws -> [AgentCheck] {
        try await readState { db in
            try serverIDs.map { serverID in
                guard
                    let server = try ServerRecord.filter(key: serverID).filter(Column("projectId") == projectID)
                        .fetchOne(db)
                else { throw EmulatorError.serverNotFound(serverID) }
                let agent = try AgentRecord.filter(Column("projectId") == projectID)
                    .filter(Column("hostName") == server.name && Column("status") == "available")
                    .order(Column("updatedAt").desc).fetchOne(db)
                return AgentCheck(resourceID: serverID, installed: agent != nil, version: agent?.agentVersion)
            }
        }
    }

    private static func agent(_ id: String, projectID: String, in db: Database) throws -> AgentRecord? {
        try AgentRecord.fetchOne(db, key: ["projectId": projectID, "id": id])
    }

    private static func requireAgent(_ id: String, projectID: String, in db: Database) throws -> AgentRecord {
        guard let agent = try agent(id, projectID: projectID, in: db) else { throw EmulatorError.invalidAgent(id) }
        return agent
    }

    private static func paths(of agent: AgentRecord, in db: Database) throws -> [AgentPathRecord] {
        try AgentPathRecord.filter(Column("projectId") == agent.projectId && Column("agentId") == agent.id)
            .order(Column("createdAt"), Column.rowID).fetchAll(db)
    }

    private static func details(of agent: AgentRecord, in db: Database) throws -> AgentDetails {
        AgentDetails(agent: agent, paths: try paths(of: agent, in: db))
    }
}
