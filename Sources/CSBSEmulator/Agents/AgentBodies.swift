/// `POST /agents`: `{"agent": {agent_id, host_name, host_ip, host_os, host_nickname?, agent_version?, agent_type?}}`.
struct AgentRegisterBody: Decodable, Sendable {
    struct Agent: Decodable, Sendable {
        var agentId: String?
        var hostName: String?
        var hostIp: String?
        var hostOs: String?
        var hostNickname: String?
        var agentVersion: String?
        var agentType: String?
    }

    var agent: Agent

    /// The registration: the id and host name, address and OS are required (1 to 255 characters without control
    /// characters, the lengths **inferred**), a version has the form `N.N.N` (1–3 digits each), a type is `cloud`
    /// or `native`.
    /// - Throws: `BackupService.9900`.
    func registration() throws -> AgentRegistration {
        let required = [
            ("agent_id", agent.agentId), ("host_name", agent.hostName), ("host_ip", agent.hostIp),
            ("host_os", agent.hostOs),
        ]
        var values: [String] = []
        for (name, value) in required {
            guard let value, !value.isEmpty else { throw EmulatorError.invalidParameter("agent.\(name) is required.") }
            values.append(try WireText.description(value, field: "agent.\(name)"))
        }
        if let nickname = agent.hostNickname { try WireText.description(nickname, field: "agent.host_nickname") }
        if let version = agent.agentVersion, !Self.isVersion(version) {
            throw EmulatorError.invalidParameter("agent.agent_version must have the form N.N.N (1 to 3 digits each).")
        }
        if let type = agent.agentType, !["cloud", "native"].contains(type) {
            throw EmulatorError.invalidParameter("agent.agent_type must be cloud or native.")
        }
        return AgentRegistration(
            id: values[0], hostName: values[1], hostNickname: agent.hostNickname, hostIp: values[2], hostOs: values[3],
            agentVersion: agent.agentVersion, agentType: agent.agentType
        )
    }

    private static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// `PUT /agents/{agent_id}`: `{"agent": {"status": "uninstall"}}`, the only status the service takes.
struct AgentUpdateBody: Decodable, Sendable {
    struct Agent: Decodable, Sendable {
        var status: String
    }

    var agent: Agent

    /// - Throws: `BackupService.9900` for another status.
    func status() throws -> String {
        guard agent.status == "uninstall" else { throw EmulatorError.invalidParameter("agent.status must be uninstall.") }
        return agent.status
    }
}

/// A backup path as a request gives it: absolute, `/…` or `C:\…` (a simplification of the service's pattern:
/// **inferred**), at most 1024 characters without control characters.
enum AgentPathText {
    static func validated(_ path: String, field: String) throws -> String {
        try WireText.description(path, field: field, maxLength: 1024)
        let scalars = Array(path.unicodeScalars)
        let unix = scalars.count > 1 && scalars[0] == "/"
        let windows = scalars.count > 3 && scalars[0].isASCII && scalars[0].properties.isAlphabetic
            && scalars[1] == ":" && scalars[2] == "\\"
        guard unix || windows else {
            throw EmulatorError.invalidParameter("\(field) must be an absolute path (/dir or C:\\dir).")
        }
        return path
    }

    /// A non-empty list of paths, each checked.
    static func validated(_ paths: [String]?, field: String) throws -> [String] {
        guard let paths, !paths.isEmpty else { throw EmulatorError.invalidParameter("\(field) must list at least one path.") }
        return try paths.enumerated().map { index, path in try validated(path, field: "\(field)[\(index)]") }
    }
}

/// `POST /agents/{agent_id}/add-path`: `{"add_path": [...], "exclude_path": [{path_name, exclude_path_name}]}`.
struct AgentAddPathBody: Decodable, Sendable {
    struct Exclusion: Decodable, Sendable {
        var pathName: String?
        var excludePathName: [String]?
    }

    var addPath: [String]?
    var excludePath: [Exclusion]?

    /// The paths to add and, per path, the directories to leave out.
    /// - Throws: `BackupService.9900`.
    func request() throws -> (paths: [String], excludes: [String: [String]]) {
        let paths = try AgentPathText.validated(addPath, field: "add_path")
        var excludes: [String: [String]] = [:]
        for (index, exclusion) in (excludePath ?? []).enumerated() {
            guard let name = exclusion.pathName else {
                throw EmulatorError.invalidParameter("exclude_path[\(index)].path_name is required.")
            }
            let path = try AgentPathText.validated(name, field: "exclude_path[\(index)].path_name")
            excludes[path] = try AgentPathText.validated(
                exclusion.excludePathName, field: "exclude_path[\(index)].exclude_path_name"
            )
        }
        return (paths, excludes)
    }
}

/// `POST /agents/{agent_id}/remove-path`: `{"remove_path": [...]}`.
struct AgentRemovePathBody: Decodable, Sendable {
    var removePath: [String]?
}

/// `POST /agent/check`: `{"agent_status": [{resource_id, resource_name?, resource_type}]}`.
struct AgentCheckBody: Decodable, Sendable {
    struct Resource: Decodable, Sendable {
        var resourceId: String?
        var resourceName: String?
        var resourceType: String?
    }

    var agentStatus: [Resource]?

    /// The servers to check: 1 to 256 (the bound is **inferred**), each with an id and a server type
    /// (`OS::Nova::Server` or `OS::Ironic::BareMetalServer`).
    /// - Throws: `BackupService.9900`.
    func serverIDs() throws -> [String] {
        guard let agentStatus, (1...256).contains(agentStatus.count) else {
            throw EmulatorError.invalidParameter("agent_status must list 1 to 256 resources.")
        }
        return try agentStatus.enumerated().map { index, resource in
            guard let id = resource.resourceId, !id.isEmpty else {
                throw EmulatorError.invalidParameter("agent_status[\(index)].resource_id is required.")
            }
            guard [ResourceType.server, ResourceType.bareMetal].contains(resource.resourceType ?? "") else {
                throw EmulatorError.invalidParameter(
                    "agent_status[\(index)].resource_type must be OS::Nova::Server or OS::Ironic::BareMetalServer."
                )
            }
            return id
        }
    }
}

/// A client as the SDK's `Agent` model reads it.
struct AgentBody: Encodable, Sendable {
    struct Path: Encodable, Sendable {
        var id: String
        var status: String
        var agentId: String
        var dirPath: String
        var excludePaths: String
    }

    var agentId: String
    var agentVersion: String?
    var agentType: String?
    var hostName: String
    var hostNickname: String?
    var hostIp: String
    var hostOs: String
    var status: String
    var createdAt: String
    var updatedAt: String
    var lastActiveTime: String
    var paths: [Path]

    init(_ details: AgentDetails) {
        let agent = details.agent
        agentId = agent.id
        agentVersion = agent.agentVersion
        agentType = agent.agentType
        hostName = agent.hostName
        hostNickname = agent.hostNickname
        hostIp = agent.hostIp
        hostOs = agent.hostOs
        status = agent.status
        createdAt = WireTime.cbr(agent.createdAt)
        updatedAt = WireTime.cbr(agent.updatedAt)
        lastActiveTime = WireTime.cbr(agent.lastActiveAt)
        paths = details.paths.map {
            Path(id: $0.id, status: "available", agentId: $0.agentId, dirPath: $0.dirPath, excludePaths: $0.excludePaths)
        }
    }
}

/// `{"agent": …}`.
struct AgentEnvelope: Encodable, Sendable {
    var agent: AgentBody
}

/// `GET /agents`.
struct AgentListBody: Encodable, Sendable {
    var agents: [AgentBody]
    var count: Int
    var limit: Int
    var offset: Int
}

/// `add-path`'s answer.
struct AgentAddPathResponseBody: Encodable, Sendable {
    var added: [String]
    var existed: [String]
}

/// `remove-path`'s answer.
struct AgentRemovePathResponseBody: Encodable, Sendable {
    var removed: [String]
    var notExisted: [String]
}

/// `POST /agent/check`'s answer (SDK `ProtectableAgentStatus`).
struct AgentCheckResponseBody: Encodable, Sendable {
    struct Status: Encodable, Sendable {
        var resourceId: String
        var installed: Bool
        var version: String?
        var isOld: Bool
    }

    var agentStatus: [Status]
}
