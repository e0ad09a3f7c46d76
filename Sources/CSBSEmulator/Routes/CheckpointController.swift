import Hummingbird

/// CBR restore points: create and show (`/v3/{project_id}/checkpoints…`).
///
/// A new checkpoint's final status is ``CheckpointOutcome/planned`` (a task-local that fault injection binds
/// around the handler); it is `available` otherwise.
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
        var checkpointRequest = try body.request(defaultName: defaultName)
        checkpointRequest.outcome = CheckpointOutcome.planned
        let now = progress.now()
        let details = try await store.createCheckpoint(
            checkpointRequest, projectID: grant.project.id, at: now, finishesAt: progress.after(\.backup, from: now)
        )
        return try WireJSON.response(CheckpointEnvelope(checkpoint: CheckpointBody(details, now: now)))
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let grant = try await authenticator.authorize(request, projectID: try context.projectID())
        let checkpointID = try context.parameters.require("checkpoint_id")
        let now = progress.now()
        let key = ResponseCache.Key(projectID: grant.project.id, route: "show_checkpoint", parameters: checkpointID)
        let body = try await store.cachedResponse(key, at: now) {
            guard let details = try await store.checkpointDetails(id: checkpointID, projectID: grant.project.id, at: now)
            else {
                throw EmulatorError.checkpointNotFound
            }
            return try WireJSON.body(CheckpointEnvelope(checkpoint: CheckpointBody(details, now: now)))
        }
        return WireJSON.response(body: body)
    }
}
