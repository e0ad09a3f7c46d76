import Hummingbird

/// CSBS v1 (API reference §5): protect a server, check protectability and restorability, query, restore and
/// delete backups, under `/v1/{project_id}/…`, with the same authentication, project isolation and clock as CBR.
///
/// A `provider_id` in the path other than ``providerID`` is answered like an unknown route (`APIGW.0101`),
/// before authentication (``CSBSProviderMiddleware``); one in a restore body fails the parameter check (`CSBS.9001`).
///
/// CSBS has no official SDK, so the operation names follow the API reference's operation titles with a `csbs_`
/// prefix. `csbs_check_protectable` names both checks (`check_protectable` and `check_restorable`): they share one
/// route and only the body tells them apart.
struct CSBSController: APIController {
    /// The only CSBS provider.
    static let providerID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da"

    static let service = APIService.csbs
    static let routes: [APIRoute<Self>] = [
        .post("providers/:provider_id/resources/:resource_id/action", operation: "csbs_protect", use: Self.protect),
        .post(
            "providers/:provider_id/resources/action", operation: "csbs_check_protectable", use: Self.resourcesAction
        ),
        .delete("providers/:provider_id/checkpoints/:checkpoint_id", operation: "csbs_delete_backup", use: Self.delete),
        .get("checkpoint_items", operation: "csbs_list_backups", use: Self.list),
        .get("checkpoint_items/count", operation: "csbs_count_backups", use: Self.count),
        .get("checkpoint_items/:checkpoint_item_id", operation: "csbs_show_backup", use: Self.show),
        .post("restores", operation: "csbs_restore", use: Self.restore),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func protect(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let serverID = try context.parameters.require("resource_id")
        let body = try await WireJSON.decode(CSBSProtectBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        var protectRequest = try body.request(
            resourceID: serverID, defaultName: "manualbk_" + context.identifiers.uuid().prefix(4)
        )
        protectRequest.outcome = context.plannedOutcome
        let now = progress.now()
        let item = try await store.csbsProtect(
            protectRequest, serverID: serverID, projectID: grant.project.id, at: now,
            finishesAt: progress.after(\.backup, from: now), identifiers: context.identifiers
        )
        return try WireJSON.response(CSBSCheckpointEnvelope(item, now: now))
    }

    @Sendable func resourcesAction(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(
            CSBSResourcesActionBody.self, from: request, invalid: EmulatorError.csbsInvalid
        )
        if let checks = body.checkRestorable, !checks.isEmpty, body.checkProtectable == nil {
            return try await checkRestorable(checks, projectID: grant.project.id)
        }
        guard let resources = body.checkProtectable, !resources.isEmpty else {
            throw EmulatorError.csbsInvalid(
                "The body must hold a non-empty check_protectable or check_restorable list."
            )
        }
        let now = progress.now()
        var results: [CSBSProtectableBody.Result] = []
        for resource in resources {
            let problem = try await store.csbsProtectability(
                resourceID: resource.resourceId, resourceType: resource.resourceType, projectID: grant.project.id,
                at: now
            )
            results.append(
                CSBSProtectableBody.Result(
                    resourceId: resource.resourceId, resourceType: resource.resourceType, result: problem == nil,
                    errorCode: problem?.code, errorMsg: problem?.message
                )
            )
        }
        return try WireJSON.response(CSBSProtectableBody(protectable: results))
    }

    /// `check_restorable`: whether each backup could be restored onto its target now, with the error a restore
    /// would answer when not.
    private func checkRestorable(
        _ checks: [CSBSResourcesActionBody.Restorable], projectID: String
    ) async throws -> Response {
        let now = progress.now()
        var results: [CSBSRestorableBody.Result] = []
        for check in checks {
            let target = check.target
            var problem: EmulatorError?
            if target.resourceType != CSBSProtectRequest.serverType {
                problem = EmulatorError.csbsUnsupportedType(target.resourceId, target.resourceType)
            } else {
                problem = try await store.csbsRestorability(
                    itemID: check.checkpointItemId, target: target.resourceId, volumes: target.volumes,
                    projectID: projectID, at: now
                )
            }
            results.append(
                CSBSRestorableBody.Result(
                    checkpointItemId: check.checkpointItemId, resourceId: target.resourceId,
                    resourceType: target.resourceType, result: problem == nil, errorCode: problem?.code,
                    errorMsg: problem?.message
                )
            )
        }
        return try WireJSON.response(CSBSRestorableBody(restorable: results))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = try CSBSItemQuery(query: request.uri.queryParameters)
        let now = progress.now()
        let page = try query.page(try await store.csbsItems(projectID: grant.project.id, at: now), at: now)
        return try WireJSON.response(CSBSItemListBody(checkpointItems: page.map { CSBSItemBody($0, now: now) }))
    }

    @Sendable func count(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let query = try CSBSItemQuery(query: request.uri.queryParameters)
        let now = progress.now()
        let all = try await store.csbsItems(projectID: grant.project.id, at: now)
        return try WireJSON.response(CSBSCountBody(count: all.filter { query.matches($0, at: now) }.count))
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let id = try context.parameters.require("checkpoint_item_id")
        let now = progress.now()
        guard let item = try await store.csbsItem(id: id, projectID: grant.project.id, at: now) else {
            throw EmulatorError.csbsBackupNotFound
        }
        return try WireJSON.response(CSBSItemEnvelope(checkpointItem: CSBSItemBody(item, now: now)))
    }

    @Sendable func restore(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(CSBSRestoreBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        guard body.restore.providerId == Self.providerID else {
            throw EmulatorError.csbsInvalid("provider invalid")
        }
        let now = progress.now()
        _ = try await store.csbsRestore(
            body.restore, projectID: grant.project.id, at: now, until: progress.after(\.restore, from: now)
        )
        let restore = CSBSRestoreEnvelope.Restore(
            id: context.identifiers.uuid(), checkpointId: body.restore.checkpointId, providerId: Self.providerID,
            projectId: grant.project.id, parameters: body.restore.parameters,
            restoreTarget: body.restore.restoreTarget, status: "in_progress", resourcesStatus: CSBSEmpty(),
            resourcesReason: CSBSEmpty()
        )
        return try WireJSON.response(CSBSRestoreEnvelope(restore: restore))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let checkpointID = try context.parameters.require("checkpoint_id")
        let itemID = request.uri.queryParameters.get("checkpoint_items")
        let now = progress.now()
        try await store.csbsDelete(
            checkpointID: checkpointID, itemID: itemID, projectID: grant.project.id, at: now,
            until: progress.after(\.delete, from: now)
        )
        return WireJSON.response(json: Array("{}".utf8))
    }
}
