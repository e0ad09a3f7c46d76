import FoundationEssentials
import Logging

/// Looks up the project id of a region by name in IAM (`GET /v3/projects?name=<region>`), once, for access keys
/// or a pre-obtained token configured without a project id (as the official SDK does).
actor ProjectResolver {
    private let configuration: ClientConfiguration
    private let transport: any HTTPTransport
    private let logger: Logger
    private let currentDate: @Sendable () -> Date
    private var resolved: String?
    private var lookup: Task<String, any Error>?

    init(
        configuration: ClientConfiguration, transport: any HTTPTransport, logger: Logger,
        currentDate: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.currentDate = currentDate
    }

    /// The project id of the configured region.
    /// - Throws: `.configuration` when no region is configured or IAM knows no (or several) such project;
    ///   the IAM call's own errors otherwise.
    func projectID() async throws -> String {
        if let resolved { return resolved }
        if let lookup { return try await lookup.value }
        let task = Task { try await self.fetch() }
        lookup = task
        defer { lookup = nil }
        let id = try await task.value
        resolved = id
        return id
    }

    private func fetch() async throws -> String {
        let operation = APIOperation.listProjects.name
        guard let region = configuration.region else {
            throw ClientError(kind: .configuration, operation: operation, message: "no project id and no region to look it up")
        }
        let base = configuration.endpoints.iam
        let path = "/v3/projects"
        let query = [("name", region)]
        var request: HTTPRequest
        switch configuration.credentials {
        case .accessKey(let keys):
            let split = SigningEncoding.splitURL(base)
            let signed = keys.signer.sign(
                method: "GET", host: split.authority, path: split.rest + path, query: query,
                headers: [("Accept", "application/json")] + (keys.securityToken.map { [("X-Security-Token", $0)] } ?? []),
                body: Data(), date: SigningEncoding.sdkDate(currentDate())
            )
            request = HTTPRequest(method: "GET", url: String(base.dropLast(split.rest.count)) + signed.requestURI, headers: signed.headers)
        case .token(let token, _):
            request = HTTPRequest(
                method: "GET", url: base + path + "?name=" + SigningEncoding.percentEncode(region),
                headers: [("X-Auth-Token", token), ("Accept", "application/json")]
            )
        case .password:
            throw ClientError(kind: .configuration, operation: operation, message: "password tokens carry their project")
        }
        let response: HTTPResponse
        do {
            request.call = CallMetadata(operation: .listProjects, query: query)
            response = try await transport.execute(request, timeout: configuration.requestTimeout, logger: logger)
        } catch let error as ClientError {
            throw error.with(operation: operation)
        }
        guard (200..<300).contains(response.status) else {
            throw ServiceErrorParser.error(from: response, operation: operation)
        }
        let list = try ResponseDecoder.decode(ProjectList.self, from: response, operation: operation)
        let matches = list.projects.filter { $0.name == nil || $0.name == region }
        guard matches.count == 1, let id = matches.first?.id else {
            throw ClientError(
                kind: .configuration, operation: operation,
                message: matches.isEmpty
                    ? "IAM knows no project named \(region) for these credentials; set the project id"
                    : "IAM returned \(matches.count) projects named \(region); set the project id"
            )
        }
        logger.debug("project of \(region): \(id)")
        return id
    }

    private struct ProjectList: Decodable {
        var projects: [Project]

        struct Project: Decodable {
            var id: String
            var name: String?
        }
    }
}
