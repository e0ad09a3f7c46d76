import Foundation
import Hummingbird

/// CSBS v1 tags of backups (`/csbs_backup/…`) and backup policies (`/csbs_backup_policy/…`): a resource's tags (list,
/// add one, delete one, batch create or delete) and the project's keys with their values. Filtering resources by
/// tag (`resource_instances/action`) is not served.
struct CSBSTagController: APIController {
    static let service = APIService.csbs
    static let routes: [APIRoute<Self>] = [
        .get("csbs_backup/tags", operation: "csbs_list_backup_project_tags", use: Self.projectTags),
        .get("csbs_backup/:resource_id/tags", operation: "csbs_list_backup_tags", use: Self.list),
        .post("csbs_backup/:resource_id/tags", operation: "csbs_create_backup_tag", use: Self.create),
        .post("csbs_backup/:resource_id/tags/action", operation: "csbs_batch_backup_tags", use: Self.batch),
        .delete("csbs_backup/:resource_id/tags/:key", operation: "csbs_delete_backup_tag", use: Self.delete),
        .get("csbs_backup_policy/tags", operation: "csbs_list_policy_project_tags", use: Self.projectTags),
        .get("csbs_backup_policy/:resource_id/tags", operation: "csbs_list_policy_tags", use: Self.list),
        .post("csbs_backup_policy/:resource_id/tags", operation: "csbs_create_policy_tag", use: Self.create),
        .post("csbs_backup_policy/:resource_id/tags/action", operation: "csbs_batch_policy_tags", use: Self.batch),
        .delete("csbs_backup_policy/:resource_id/tags/:key", operation: "csbs_delete_policy_tag", use: Self.delete),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// The kind of resource the path names.
    private func kind(_ request: Request) -> CSBSTaggedKind {
        request.uri.path.contains("/csbs_backup_policy/") ? .policy : .backup
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let tags = try await store.csbsTags(
            kind(request), id: context.parameters.require("resource_id"), projectID: grant.project.id
        )
        return try WireJSON.response(CSBSTagListBody(tags: tags))
    }

    /// `POST …/tags` `{"tag": {key, value}}`: adds the tag or replaces the value of its key; 204.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(CSBSTagCreateBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        let tag = try CSBSText.tags([body.tag])
        try await store.changeCSBSTags(
            kind(request), id: context.parameters.require("resource_id"), projectID: grant.project.id, create: tag,
            delete: []
        )
        return Response(status: .noContent)
    }

    /// `POST …/tags/action` `{"action": "create" | "delete", "tags": [...]}`: 1–10 distinct keys; a deleted key
    /// that does not exist is no error; 204.
    @Sendable func batch(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(CSBSTagActionBody.self, from: request, invalid: EmulatorError.csbsInvalid)
        guard Set(body.tags.map(\.key)).count == body.tags.count else {
            throw EmulatorError.csbsInvalid("tags names a key twice.")
        }
        let id = try context.parameters.require("resource_id")
        switch body.action {
        case "create":
            let tags = try CSBSText.tags(body.tags.map { CSBSTag(key: $0.key, value: $0.value ?? "") })
            try await store.changeCSBSTags(kind(request), id: id, projectID: grant.project.id, create: tags, delete: [])
        case "delete":
            guard (1...10).contains(body.tags.count), body.tags.allSatisfy({ !$0.key.isEmpty }) else {
                throw EmulatorError.csbsInvalid("tags must hold 1 to 10 keys.")
            }
            try await store.changeCSBSTags(
                kind(request), id: id, projectID: grant.project.id, create: [], delete: body.tags.map(\.key)
            )
        default:
            throw EmulatorError.csbsInvalid("action must be create or delete.")
        }
        return Response(status: .noContent)
    }

    /// `DELETE …/tags/{key}` (the key percent-decoded); a key the resource does not have is `404 CSBS.7001`.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let segment = try context.parameters.require("key")
        let key = segment.removingPercentEncoding ?? segment
        let id = try context.parameters.require("resource_id")
        guard try await store.csbsTags(kind(request), id: id, projectID: grant.project.id).contains(where: { $0.key == key })
        else { throw EmulatorError.csbsTagNotFound(key) }
        try await store.changeCSBSTags(kind(request), id: id, projectID: grant.project.id, create: [], delete: [key])
        return Response(status: .noContent)
    }

    /// `GET …/tags`: every key of the project's backups or policies with its values, keys in order.
    @Sendable func projectTags(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let tags = try await store.csbsProjectTags(kind(request), projectID: grant.project.id)
        var values: [String: [String]] = [:]
        for tag in tags where !(values[tag.key]?.contains(tag.value) ?? false) {
            values[tag.key, default: []].append(tag.value)
        }
        let body = CSBSProjectTagListBody(tags: values.keys.sorted().map { .init(key: $0, values: values[$0] ?? []) })
        return try WireJSON.response(body)
    }
}

/// What a CSBS tag path names: a backup (checkpoint item) or a backup policy.
enum CSBSTaggedKind: Sendable {
    case backup
    case policy
}

/// `POST …/tags` body.
struct CSBSTagCreateBody: Decodable, Sendable {
    var tag: CSBSTag
}

/// `POST …/tags/action` body; a value may be left out when deleting.
struct CSBSTagActionBody: Decodable, Sendable {
    struct Tag: Decodable, Sendable {
        var key: String
        var value: String?
    }

    var action: String
    var tags: [Tag]
}

/// `GET …/{resource_id}/tags` answer.
struct CSBSTagListBody: Encodable, Sendable {
    var tags: [CSBSTag]
}

/// `GET …/tags` answer.
struct CSBSProjectTagListBody: Encodable, Sendable {
    struct Tag: Encodable, Sendable {
        var key: String
        var values: [String]
    }

    var tags: [Tag]
}
