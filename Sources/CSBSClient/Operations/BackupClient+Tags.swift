extension BackupClient {
    /// `POST /v3/{project_id}/vault/{vault_id}/tags` (204): sets one tag; an existing key is overwritten.
    public func createVaultTag(vaultID: String, _ tag: Tag) async throws {
        try await sendExpectingNoContent(.createVaultTag, vaultID, body: TagBody(tag: tag))
    }

    /// `GET /v3/{project_id}/vault/{vault_id}/tags`.
    public func vaultTags(vaultID: String) async throws -> [Tag] {
        let response: TagList = try await send(.showVaultTags, vaultID)
        return response.tags
    }

    /// `DELETE /v3/{project_id}/vault/{vault_id}/tags/{key}` (204).
    public func deleteVaultTag(vaultID: String, key: String) async throws {
        try await sendExpectingNoContent(.deleteVaultTag, vaultID, key)
    }

    /// `POST /v3/{project_id}/vault/{vault_id}/tags/action` (204): creates or deletes several tags at once.
    public func batchVaultTags(vaultID: String, action: TagAction, tags: [Tag]) async throws {
        try await sendExpectingNoContent(.batchVaultTags, vaultID, body: TagActionBody(action: action.rawValue, tags: tags))
    }

    /// `GET /v3/{project_id}/vault/tags`: every tag key used on the project's vaults, with its values.
    public func projectVaultTags() async throws -> [ProjectTag] {
        let response: ProjectTagList = try await send(.showProjectVaultTags)
        return response.tags
    }
}

/// What a batch tag call does.
public enum TagAction: String, Sendable, Hashable, CaseIterable {
    case create, delete
}

/// The body of `POST /v3/{project_id}/vault/{vault_id}/tags`: one tag.
public struct TagBody: Codable, Sendable, Hashable {
    public var tag: Tag

    public init(tag: Tag) {
        self.tag = tag
    }
}

struct TagActionBody: Encodable, Sendable {
    var action: String
    var tags: [Tag]
}

/// The answer to `GET /v3/{project_id}/vault/{vault_id}/tags`.
public struct TagList: Codable, Sendable, Hashable {
    public var tags: [Tag]

    public init(tags: [Tag]) {
        self.tags = tags
    }
}

/// The answer to `GET /v3/{project_id}/vault/tags`.
public struct ProjectTagList: Codable, Sendable, Hashable {
    public var tags: [ProjectTag]

    public init(tags: [ProjectTag]) {
        self.tags = tags
    }
}
