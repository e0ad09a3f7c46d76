/// A `{key, value}` tag in a request or response (§2.8).
struct TagItem: Codable, Sendable {
    var key: String
    var value: String?

    /// Characters a key or value may not contain besides ASCII control characters.
    static let forbidden: Set<Character> = ["=", "*", "<", ">", "\\", ",", "|", "/"]

    /// The trimmed key and value.
    /// - Parameter keyOnly: For deletions: the value is not checked.
    /// - Throws: `BackupService.9900` for an empty or too long key (36), a too long value (43), or a forbidden
    ///   character.
    func validated(field: String, keyOnly: Bool = false) throws -> TagChange {
        let key = Self.trimmed(key)
        let value = Self.trimmed(value ?? "")
        guard (1...36).contains(key.count), Self.allowed(key) else {
            throw EmulatorError.invalidParameter("\(field).key must be 1 to 36 characters without = * < > \\ , | /.")
        }
        guard keyOnly || (value.count <= 43 && Self.allowed(value)) else {
            throw EmulatorError.invalidParameter("\(field).value must be at most 43 characters without = * < > \\ , | /.")
        }
        return TagChange(key: key, value: value)
    }

    /// A list of tags checked one by one and together: not empty, no key twice (after trimming).
    /// - Parameter keyOnly: For deletions: the values are not checked.
    /// - Throws: `BackupService.9900` naming the field.
    static func validated(_ tags: [TagItem], field: String, keyOnly: Bool = false) throws -> [TagChange] {
        guard !tags.isEmpty else { throw EmulatorError.invalidParameter("\(field) must not be empty when present.") }
        var keys = Set<String>()
        return try tags.enumerated().map { index, tag in
            let change = try tag.validated(field: "\(field)[\(index)]", keyOnly: keyOnly)
            guard keys.insert(change.key).inserted else {
                throw EmulatorError.invalidParameter("\(field)[\(index)].key \(change.key) is given twice.")
            }
            return change
        }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private static func allowed(_ text: String) -> Bool {
        !text.contains { character in
            forbidden.contains(character) || character.unicodeScalars.contains { $0.value < 32 }
        }
    }
}

/// A vault's `bind_rules` (§2.1.1): the tags of the resources the vault binds automatically.
struct BindRulesItem: Decodable, Sendable {
    var tags: [TagItem]?

    /// The most tags the rules may name.
    static let maxTags = 5

    /// The checked, trimmed tags: at most 5; none when `tags` is absent or empty. An empty list is "no rules": the
    /// OpenStack client's CBR plugin (`otcextensions`, T Cloud Public's own) sends `"bind_rules": {"tags": []}` with
    /// every vault it creates, so the service takes it.
    /// - Throws: `BackupService.9900` naming the field.
    func validated(field: String) throws -> [TagChange] {
        guard let tags, !tags.isEmpty else { return [] }
        let changes = try TagItem.validated(tags, field: "\(field).tags")
        guard changes.count <= Self.maxTags else {
            throw EmulatorError.invalidParameter("\(field).tags must hold at most \(Self.maxTags) tags.")
        }
        return changes
    }
}

/// `vault.bind_rules` in a response: `{}` without rules.
struct BindRulesBody: Encodable, Sendable {
    var tags: [TagListBody.Tag]?
}

/// `POST /vault/{vault_id}/tags` body.
struct TagCreateBody: Decodable, Sendable {
    var tag: TagItem
}

/// `POST /vault/{vault_id}/tags/action` body.
struct TagActionBody: Decodable, Sendable {
    var action: String
    var tags: [TagItem]
}

/// `GET /vault/{vault_id}/tags` response; values are never `null` here.
struct TagListBody: Encodable, Sendable {
    struct Tag: Encodable, Sendable {
        var key: String
        var value: String
    }

    var tags: [Tag]
}

/// `GET /vault/tags` response.
struct ProjectTagListBody: Encodable, Sendable {
    struct Tag: Encodable, Sendable {
        var key: String
        var values: [String]
    }

    var tags: [Tag]
}
