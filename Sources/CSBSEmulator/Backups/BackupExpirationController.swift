import Hummingbird

/// `PUT /vaults/{vault_id}/update-backup-expiration-time`: when the backups of a vault expire.
struct BackupExpirationController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .put(
            "vaults/:vault_id/update-backup-expiration-time", operation: "update_expiration_time",
            use: Self.update
        ),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let vaultID = try context.parameters.require("vault_id")
        let body = try await WireJSON.decode(UpdateExpirationBody.self, from: request)
        let now = progress.now()
        let expiry = try body.expiry(at: now)
        let (count, taskID) = try await store.updateBackupExpiration(
            vaultID: vaultID, projectID: grant.project.id, expiresAt: expiry, day: body.expectExpirationDate,
            at: now, environment: environment(context)
        )
        return try WireJSON.response(
            UpdateExpirationResponseBody(
                affectedBackupsCount: count, newExpirationDay: body.expectExpirationDate, operationLogId: taskID
            )
        )
    }
}
