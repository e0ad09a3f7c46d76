/// `POST /v3/{project_id}/vault/resource_instances/action` (`show_vault_resource_instances`): vaults found by
/// their tags, the tag service's standard filter. Tags are ANDed across keys in `tags` and `not_tags`, ORed in
/// `tags_any` and `not_tags_any`; within one key the values are ORed, and an empty `values` list matches any value.
struct VaultInstancesBody: Decodable, Sendable {
    struct TagFilter: Decodable, Sendable {
        var key: String
        var values: [String]?
    }

    struct Match: Decodable, Sendable {
        var key: String
        var value: String
    }

    var action: String
    var withoutAnyTag: Bool?
    var tags: [TagFilter]?
    var tagsAny: [TagFilter]?
    var notTags: [TagFilter]?
    var notTagsAny: [TagFilter]?
    var limit: WireInteger?
    var offset: WireInteger?
    var matches: [Match]?
    var cloudType: String?
    var objectType: String?

    /// The checked request.
    /// - Throws: `BackupService.9900` for an unknown action, an empty or repeated tag list, more than 10 keys, a
    ///   match other than one `resource_name`, a limit outside 1...1000 or a negative offset.
    func filter() throws -> VaultInstanceFilter {
        guard action == "filter" || action == "count" else {
            throw EmulatorError.invalidParameter("action must be filter or count.")
        }
        let named = [("tags", tags), ("tags_any", tagsAny), ("not_tags", notTags), ("not_tags_any", notTagsAny)]
        var lists: [[VaultInstanceFilter.Tag]] = []
        for (field, list) in named { lists.append(try Self.checked(list, field: field)) }
        let matches = matches ?? []
        guard matches.count <= 1, matches.allSatisfy({ $0.key == "resource_name" }) else {
            throw EmulatorError.invalidParameter("matches holds at most one condition, on resource_name.")
        }
        let limit = limit?.value ?? 1000
        let offset = offset?.value ?? 0
        guard (1...1000).contains(limit), offset >= 0 else {
            throw EmulatorError.invalidParameter("limit must be from 1 to 1000 and offset at least 0.")
        }
        try VaultCreateBody.check("cloud_type", cloudType, in: ResourceType.cloudTypes)
        try VaultCreateBody.check("object_type", objectType, in: ResourceType.objectTypes)
        return VaultInstanceFilter(
            counting: action == "count", withoutAnyTag: withoutAnyTag ?? false, all: lists[0], any: lists[1],
            notAll: lists[2], notAny: lists[3], nameContains: matches.first?.value, cloudType: cloudType,
            objectType: objectType, limit: limit, offset: offset
        )
    }

    private static func checked(_ list: [TagFilter]?, field: String) throws -> [VaultInstanceFilter.Tag] {
        guard let list else { return [] }
        let keys = Set(list.map(\.key))
        guard (1...10).contains(list.count), keys.count == list.count, !keys.contains("") else {
            throw EmulatorError.invalidParameter("\(field) must hold 1 to 10 distinct, non-empty keys when present.")
        }
        return list.map { VaultInstanceFilter.Tag(key: $0.key, values: $0.values ?? []) }
    }
}

/// A JSON integer that may also come as a string (the SDK sends `limit` and `offset` of this request as strings).
struct WireInteger: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an integer")
        }
    }
}

/// A checked ``VaultInstancesBody``.
struct VaultInstanceFilter: Sendable, Equatable {
    struct Tag: Sendable, Equatable {
        var key: String
        /// Any of these values; empty: any value.
        var values: [String]

        func matches(_ tags: [VaultTagRecord]) -> Bool {
            tags.contains { $0.key == key && (values.isEmpty || values.contains($0.value)) }
        }
    }

    var counting: Bool
    var withoutAnyTag: Bool
    var all: [Tag]
    var any: [Tag]
    var notAll: [Tag]
    var notAny: [Tag]
    var nameContains: String?
    var cloudType: String?
    var objectType: String?
    var limit: Int
    var offset: Int

    /// Whether a vault with these tags and this name is selected.
    func selects(tags: [VaultTagRecord], name: String) -> Bool {
        if let nameContains, !name.contains(nameContains) { return false }
        if withoutAnyTag { return tags.isEmpty }
        if !all.allSatisfy({ $0.matches(tags) }) { return false }
        if !any.isEmpty, !any.contains(where: { $0.matches(tags) }) { return false }
        if !notAll.isEmpty, notAll.allSatisfy({ $0.matches(tags) }) { return false }
        if notAny.contains(where: { $0.matches(tags) }) { return false }
        return true
    }
}

/// The answer of `vault/resource_instances/action`: `total_count`, and for `filter` a page of `resources`.
struct VaultInstancesResponseBody: Encodable, Sendable {
    struct Resource: Encodable, Sendable {
        struct Detail: Encodable, Sendable {
            var vault: VaultBody
        }

        var resourceId: String
        var resourceName: String
        var resourceDetail: Detail
        var tags: [TagListBody.Tag]
        var sysTags: [TagListBody.Tag] = []
    }

    var resources: [Resource]?
    var totalCount: Int
}
