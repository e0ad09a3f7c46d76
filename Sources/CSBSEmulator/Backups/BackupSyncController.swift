import Hummingbird

/// Hybrid-cloud synchronization from an on-premises backup storage unit (`/v3/{project_id}/checkpoints/sync`,
/// `…/backups/sync`), simulated: the emulator has no storage unit, so each synchronization is a `sync` task that
/// finds nothing to import (see docs/EMULATOR.md).
struct BackupSyncController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        // Constant segments: they win over `checkpoints/:checkpoint_id` and `backups/:backup_id`.
        .post("checkpoints/sync", operation: "import_checkpoint", use: Self.syncVault),
        .post("backups/sync", operation: "import_backup", use: Self.syncBackups),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `POST /checkpoints/sync` (`import_checkpoint`): `{"sync": {"vault_id", "auto_trigger"?}}` for a hybrid-cloud
    /// vault; answers `{"sync": {"operation_log_id", "vault_id"}}`.
    @Sendable func syncVault(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try await WireJSON.decode(CheckpointSyncBody.self, from: request).vaultID()
        let taskID = try await store.syncVault(
            id: vaultID, projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        return try WireJSON.response(CheckpointSyncAnswer(sync: .init(operationLogId: taskID, vaultId: vaultID)))
    }

    /// `POST /backups/sync` (`import_backup`): `{"sync": [1–50 backups]}`; answers `{"sync": [{"backup_id",
    /// "operation_log_id"}]}` in request order.
    @Sendable func syncBackups(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backups = try await WireJSON.decode(BackupSyncBody.self, from: request).validated()
        let taskIDs = try await store.syncBackups(
            backups, projectID: grant.project.id, at: progress.now(), environment: environment(context)
        )
        let answer = BackupSyncAnswer(
            sync: zip(backups, taskIDs).map { .init(backupId: $0.backupID, operationLogId: $1) }
        )
        return try WireJSON.response(answer)
    }
}
