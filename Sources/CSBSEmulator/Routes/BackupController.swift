import Hummingbird
import NIOCore

/// CBR backups: list, show, rename, delete and restore (`/v3/{project_id}/backups…`).
struct BackupController: Sendable {
    let store: EmulatorStore
    let authenticator: TokenAuthenticator

    var progress: BackupProgress { authenticator.progress }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let backups = router.group("v3/:project_id/backups")
        backups.get(use: list)
        backups.get(":backup_id", use: show)
        backups.put(":backup_id", use: update)
        backups.delete(":backup_id", use: delete)
        backups.post(":backup_id/restore", use: restore)
    }

    @Sendable func list(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let filter = try BackupFilter(query: request.uri.queryParameters)
        let body = try await store.backupPage(projectID: grant.project.id, filter: filter, at: progress.now())
        return WireJSON.response(body: body)
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let backupID = try context.parameters.require("backup_id")
        let now = progress.now()
        guard let details = try await store.backupDetails(id: backupID, projectID: grant.project.id, at: now) else {
            throw EmulatorError.backupNotFound
        }
        return WireJSON.response(json: BackupEnvelope(backup: BackupBody(details, now: now)).jsonBytes())
    }

    @Sendable func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let backupID = try context.parameters.require("backup_id")
        let name = try await WireJSON.decode(BackupUpdateBody.self, from: request).validatedName()
        let now = progress.now()
        let details = try await store.renameBackup(id: backupID, projectID: grant.project.id, name: name, at: now)
        return try WireJSON.response(BackupEnvelope(backup: BackupBody(details, now: now)))
    }

    @Sendable func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let backupID = try context.parameters.require("backup_id")
        let now = progress.now()
        try await store.deleteBackup(
            id: backupID, projectID: grant.project.id, at: now, finishesAt: progress.after(\.delete, from: now)
        )
        return Response(status: .noContent)
    }

    @Sendable func restore(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let backupID = try context.parameters.require("backup_id")
        let target = try await WireJSON.decode(BackupRestoreBody.self, from: request).request()
        let now = progress.now()
        try await store.restoreBackup(
            id: backupID, projectID: grant.project.id, target: target, at: now,
            finishesAt: progress.after(\.restore, from: now)
        )
        return Response(status: .accepted)
    }
}
