import Hummingbird

/// CBR restore points: create and show (`/v3/{project_id}/checkpoints…`).
struct CheckpointController: Sendable {
    let store: EmulatorStore
    let authenticator: TokenAuthenticator

    var progress: BackupProgress { authenticator.progress }

    func addRoutes(to router: Router<BasicRequestContext>) {
        let checkpoints = router.group("v3/:project_id/checkpoints")
        checkpoints.post(use: create)
        checkpoints.get(":checkpoint_id", use: show)
    }

    @Sendable func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let body = try await WireJSON.decode(CheckpointCreateBody.self, from: request)
        let defaultName = "manualbk_" + Identifiers.uuid().prefix(4)
        let now = progress.now()
        let details = try await store.createCheckpoint(
            try body.request(defaultName: defaultName), projectID: grant.project.id, at: now
        )
        let checkpoint = CheckpointBody(details, progress: progress, now: now)
        return try WireJSON.response(CheckpointEnvelope(checkpoint: checkpoint))
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let checkpointID = try context.parameters.require("checkpoint_id")
        guard let details = try await store.checkpointDetails(id: checkpointID, projectID: grant.project.id) else {
            throw EmulatorError.checkpointNotFound
        }
        let body = CheckpointBody(details, progress: progress, now: progress.now())
        return try WireJSON.response(CheckpointEnvelope(checkpoint: body))
    }
}
