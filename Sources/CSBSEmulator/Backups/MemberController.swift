import Hummingbird

/// Backup sharing (`/v3/{project_id}/backups/{backup_id}/members…`): the sharer adds, lists, shows and removes
/// the projects a backup is shared with; a recipient shows its own share and accepts or rejects it.
struct MemberController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        .post("backups/:backup_id/members", operation: "add_member", use: Self.add),
        .get("backups/:backup_id/members", operation: "show_members_detail", use: Self.list),
        .get("backups/:backup_id/members/:member_id", operation: "show_member_detail", use: Self.show),
        .put("backups/:backup_id/members/:member_id", operation: "update_member_status", use: Self.update),
        .delete("backups/:backup_id/members/:member_id", operation: "delete_member", use: Self.delete),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    @Sendable func add(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let destinations = try await WireJSON.decode(MemberAddBody.self, from: request)
            .destinations(sharer: grant.project.id)
        let (added, total) = try await store.addMembers(
            backupID: backupID, projectID: grant.project.id, destinations: destinations, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(MemberListBody(members: added.map(MemberBody.init), count: total))
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let filter = try MemberFilter(query: request.uri.queryParameters)
        let (total, page) = try await store.members(
            backupID: backupID, projectID: grant.project.id, filter: filter, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(MemberListBody(members: page.map(MemberBody.init), count: total))
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let memberID = try context.parameters.require("member_id")
        let member = try await store.member(
            backupID: backupID, memberID: memberID, projectID: grant.project.id, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(MemberEnvelope(member: MemberBody(member)))
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let memberID = try context.parameters.require("member_id")
        let answer = try await WireJSON.decode(MemberUpdateBody.self, from: request).answer()
        let member = try await store.answerShare(
            backupID: backupID, memberID: memberID, projectID: grant.project.id, answer: answer, at: progress.now(),
            environment: environment(context)
        )
        return try WireJSON.response(MemberEnvelope(member: MemberBody(member)))
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let backupID = try context.parameters.require("backup_id")
        let memberID = try context.parameters.require("member_id")
        try await store.deleteMember(
            backupID: backupID, memberID: memberID, projectID: grant.project.id, at: progress.now(),
            environment: environment(context)
        )
        return Response(status: .noContent)
    }
}
