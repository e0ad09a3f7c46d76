import Foundation
import Hummingbird

/// CBR's account-level lookups (`/v3/region-projects`, `/v3/domain/…`, no project in the path): the caller's
/// projects, another account's projects by name and the account of a project, which a sharer uses to find the
/// project to share a backup with. Each emulated project is one region, so "in this region" is every project.
/// A project-scoped and a domain-scoped token alike authorize them (see ``EmulatorRequestContext/caller``).
struct TenantController: APIController {
    static let service = APIService.cbrTenant
    static let routes: [APIRoute<Self>] = [
        .get("region-projects", operation: "list_projects", use: Self.regionProjects),
        // One capture name for both routes: the SDK's `domain_name` and `source_project_id` share the segment.
        .get("domain/:domain/projects", operation: "list_domain_projects", use: Self.domainProjects),
        .get("domain/:domain", operation: "show_domain", use: Self.domain),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `GET /v3/region-projects`: the caller's account's projects, in the IAM project listing's shape.
    @Sendable func regionProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projects = try await store.projects(domainID: caller.user.domainId, name: nil)
        let origin = IAMController.origin(of: request)
        let body = ProjectListBody(projects, base: origin + "/v3/projects", selfLink: origin + "/v3/region-projects")
        return try WireJSON.response(body)
    }

    /// `GET /v3/domain/{domain_name}/projects`: the projects of the account with this name (none when unknown).
    @Sendable func domainProjects(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        _ = try context.requireCaller()
        let name = try context.parameters.require("domain")
        let projects = try await store.projects(domainName: name.removingPercentEncoding ?? name)
        let body = DomainProjectsBody(projects: projects.map { .init(projectId: $0.id, projectName: $0.name) })
        return try WireJSON.response(body)
    }

    /// `GET /v3/domain/{source_project_id}`: the project's name and its account.
    /// - Throws: `BackupService.9900` for a project the emulator does not have (the reference's code for unknown
    ///   ids).
    @Sendable func domain(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        _ = try context.requireCaller()
        let projectID = try context.parameters.require("domain")
        guard let (project, domain) = try await store.projectAndDomain(projectID: projectID) else {
            throw EmulatorError.invalidParameter("The project \(projectID) does not exist.")
        }
        let body = DomainBody(projectName: project.name, projectId: project.id, domainId: domain.id, domainName: domain.name)
        return try WireJSON.response(body)
    }
}

/// `list_domain_projects`' answer (SDK `DomainProjectsInfo` entries).
struct DomainProjectsBody: Encodable, Sendable {
    struct Project: Encodable, Sendable {
        var projectId: String
        var projectName: String
    }

    var projects: [Project]
}

/// `show_domain`'s answer.
struct DomainBody: Encodable, Sendable {
    var projectName: String
    var projectId: String
    var domainId: String
    var domainName: String
}
