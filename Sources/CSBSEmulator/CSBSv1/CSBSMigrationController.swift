import Hummingbird

/// The CSBS v1 → CBR migration (`/v3/migrates`, account level): `migrate_domain` moves the CSBS backups of the
/// caller's project (with `all_regions`, of every project of its account) into CBR at once, and
/// `show_migrate_status` reports the projects migrated. Simulated; see docs/EMULATOR.md.
struct CSBSMigrationController: APIController {
    static let service = APIService.cbrTenant
    static let routes: [APIRoute<Self>] = [
        .post("migrates", operation: "migrate_domain", use: Self.migrate),
        .get("migrates", operation: "show_migrate_status", use: Self.status),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `POST /v3/migrates`: answers `{"<region>": "running"}` per project migrated (the reference's example; the
    /// migration is already done).
    @Sendable func migrate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (allRegions, reservation) = try await WireJSON.decode(DomainMigrateBody.self, from: request).validated()
        let projects = try await projects(of: caller, allRegions: allRegions)
        try await store.migrateCSBS(
            projects: projects, userID: caller.user.id, reservation: reservation, at: progress.now(),
            environment: environment(context)
        )
        let body = Dictionary(uniqueKeysWithValues: projects.map { ($0.name, "running") })
        return try WireJSON.response(body)
    }

    /// `GET /v3/migrates?all_regions=`: the projects migrated (`success`, progress 100); `status` is `success`,
    /// also when none has been.
    @Sendable func status(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let allRegions = try request.uri.queryParameters.boolean("all_regions") ?? true
        let projects = try await projects(of: caller, allRegions: allRegions)
        let migrated = try await store.csbsMigrations(projectIDs: projects.map(\.id))
        let statuses = projects.filter { migrated[$0.id] != nil }.map { project in
            MigrateStatusBody.Project(
                status: "success", projectId: project.id, projectName: project.name, regionId: project.name,
                progress: 100
            )
        }
        return try WireJSON.response(MigrateStatusBody(status: "success", projectStatus: statuses))
    }

    /// The caller's project, or every project of its account (always, for a domain-scoped caller: it names no
    /// project).
    private func projects(of caller: TokenAuthenticator.Credentials, allRegions: Bool) async throws -> [ProjectRecord] {
        if !allRegions, let project = caller.scope.project { return [project] }
        return try await store.projects(domainID: caller.user.domainId, name: nil)
    }
}
