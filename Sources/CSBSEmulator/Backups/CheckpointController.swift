import Hummingbird
import NIOCore

/// CBR restore points: create and show (`/v3/{project_id}/checkpoints…`).
///
/// A new checkpoint's final status is the request's ``EmulatorRequestContext/plannedOutcome``: `available` unless
/// a `checkpoint_error` fault rule hit the request.
struct CheckpointController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("checkpoints", operation: "create_checkpoint", use: Self.create),
        .get("checkpoints/:checkpoint_id", operation: "show_checkpoint", use: Self.show),
        .post("checkpoints/replicate", operation: "copy_checkpoint", use: Self.replicate),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(CheckpointCreateBody.self, from: request)
        let defaultName = "manualbk_" + context.identifiers.uuid().prefix(4)
        var checkpointRequest = try body.request(defaultName: defaultName)
        checkpointRequest.outcome = context.plannedOutcome
        let now = progress.now()
        let details = try await store.createCheckpoint(
            checkpointRequest, projectID: grant.project.id, at: now, finishesAt: progress.after(\.backup, from: now),
            environment: environment(context)
        )
        return WireJSON.response(json: CheckpointEnvelope(checkpoint: CheckpointBody(details, now: now)).jsonBytes())
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let checkpointID = try context.parameters.require("checkpoint_id")
        let now = progress.now()
        let key = ResponseCache.Key(projectID: grant.project.id, route: "show_checkpoint", parameters: checkpointID)
        let environment = environment(context)
        let body = try await store.cachedResponse(key, at: now) {
            guard let details = try await store.checkpointDetails(
                id: checkpointID, projectID: grant.project.id, at: now, environment: environment
            ) else {
                throw EmulatorError.checkpointNotFound
            }
            return ByteBuffer(bytes: CheckpointEnvelope(checkpoint: CheckpointBody(details, now: now)).jsonBytes())
        }
        return WireJSON.response(body: body)
    }

    /// `POST /checkpoints/replicate`: copies every available backup of a vault that has no replica in the
    /// destination vault yet.
    @Sendable func replicate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let (vaultID, target, autoTrigger) = try await WireJSON.decode(CheckpointReplicateBody.self, from: request)
            .request()
        let now = progress.now()
        let (vault, replicated) = try await store.replicateVault(
            id: vaultID, projectID: grant.project.id, sourceRegion: grant.project.name, target: target,
            autoTrigger: autoTrigger, at: now, finishesAt: progress.after(\.backup, from: now),
            environment: environment(context)
        )
        return try WireJSON.response(
            CheckpointReplicationBody(
                replication: .init(
                    backups: replicated.map { .init(backupId: $0.backupID, replicationRecordId: $0.recordID) },
                    destinationProjectId: target.projectID, destinationRegion: target.region,
                    destinationVaultId: target.vaultID, projectId: grant.project.id,
                    providerId: ResourceType.providerID(objectType: vault.objectType), sourceRegion: grant.project.name,
                    vaultId: vault.id
                )
            )
        )
    }
}
