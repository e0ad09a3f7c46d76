import Hummingbird
import NIOCore

/// CBR backups: list, show, rename, delete and restore (`/v3/{project_id}/backups…`).
struct BackupController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .get("backups", operation: "list_backups", use: Self.list),
        .get("backups/:backup_id", operation: "show_backup", use: Self.show),
        .put("backups/:backup_id", operation: "update_backup", use: Self.update),
        .delete("backups/:backup_id", operation: "delete_backup", use: Self.delete),
        .post("backups/:backup_id/restore", operation: "restore_backup", use: Self.restore),
        .get("backups/:backup_id/metadata", operation: "show_metadata", use: Self.metadata),
        .post("backups/:backup_id/replicate", operation: "copy_backup", use: Self.replicate),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let filter = try BackupFilter(query: request.uri.queryParameters)
        let body = try await store.backupPage(
            projectID: grant.project.id, filter: filter, at: progress.now(), environment: environment(context)
        )
        return WireJSON.response(body: body)
    }

    /// The backup the path's `backup_id` names, in the caller's project or shared with it (the recipient reads a
    /// shared backup as `list_backups` lists it; every other backup operation stays with the owner), and the time
    /// it was read at.
    private func requestedBackup(_ context: EmulatorRequestContext) async throws -> (BackupDetails, Int64) {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let now = progress.now()
        guard let details = try await store.backupDetails(
            id: backupID, projectID: grant.project.id, at: now, environment: environment(context)
        ) else {
            throw EmulatorError.backupNotFound
        }
        return (details, now)
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (details, now) = try await requestedBackup(context)
        return WireJSON.response(json: BackupEnvelope(backup: BackupBody(details, now: now)).jsonBytes())
    }

    /// `GET /backups/{backup_id}/metadata`: what the backup recorded of the resource (``BackupMetadataBody``).
    @Sendable func metadata(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (details, now) = try await requestedBackup(context)
        let status = details.backup.status(at: now)
        guard status == "available" else { throw EmulatorError.metadataNotAvailable(status) }
        return try WireJSON.response(BackupMetadataBody(details))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let name = try await WireJSON.decode(BackupUpdateBody.self, from: request).validatedName()
        let now = progress.now()
        let details = try await store.renameBackup(
            id: backupID, projectID: grant.project.id, name: name, at: now, environment: environment(context)
        )
        return try WireJSON.response(BackupEnvelope(backup: BackupBody(details, now: now)))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let now = progress.now()
        try await store.deleteBackup(
            id: backupID, projectID: grant.project.id, at: now, finishesAt: progress.after(\.delete, from: now),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }

    @Sendable func restore(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let target = try await WireJSON.decode(BackupRestoreBody.self, from: request).request()
        let now = progress.now()
        try await store.restoreBackup(
            id: backupID, projectID: grant.project.id, target: target, at: now,
            finishesAt: progress.after(\.restore, from: now), environment: environment(context)
        )
        return Response(status: .accepted)
    }

    /// `POST /backups/{backup_id}/replicate`: copies the backup to a replication vault in another region; the
    /// replica's id is the replication record's.
    @Sendable func replicate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let (target, name, description) = try await WireJSON.decode(BackupReplicateBody.self, from: request).request()
        let now = progress.now()
        let (replicated, resourceType) = try await store.replicateBackup(
            id: backupID, projectID: grant.project.id, sourceRegion: grant.project.name, target: target, name: name,
            description: description, at: now, finishesAt: progress.after(\.backup, from: now),
            environment: environment(context)
        )
        let isServer = resourceType == ResourceType.server
        return try WireJSON.response(
            BackupReplicationBody(
                replication: .init(
                    backupId: replicated.backupID, destinationProjectId: target.projectID,
                    destinationRegion: target.region, destinationVaultId: target.vaultID, projectId: grant.project.id,
                    providerId: ResourceType.providerID(objectType: isServer ? "server" : "disk"),
                    replicationRecordId: replicated.recordID, sourceRegion: grant.project.name
                )
            )
        )
    }
}
