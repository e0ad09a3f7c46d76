import CSBSClient

/// Turns the outcome of ``VaultConvergence`` into the result record of `vault`.
enum VaultPresenter {
    /// The result of `vault`: `action` (`created`, `selected`, `resized`), `id`, `name`, `size_gb`, `protects`
    /// (`server`/`disk`), `consistency` (`crash`/`app`), `tags` (a record) and `missing_tags` (the asked tags the
    /// vault lacks, as `KEY=VALUE`); the summary notes each difference from what was asked.
    static func record(_ outcome: VaultOutcome) -> ResultRecord {
        let vault = outcome.vault
        let differences = outcome.differences
        let action: String
        var notes: [String] = []
        switch outcome {
        case .created: action = "created"
        case .selected: action = "selected"
        case .resized(_, let fromGB, _):
            action = "resized"
            notes.append("grown from \(fromGB) GB")
        }
        if let asked = differences.askedSizeGB {
            notes.append("the script asks for \(asked) GB; size left unchanged")
        }
        if let consistency = differences.consistency {
            notes.append(
                "the script asks for \(shortLevel(consistency.asked))-consistent backups; the vault makes "
                    + "\(consistency.actual) ones"
            )
        }
        if !differences.missingTags.isEmpty {
            notes.append(
                "tags not on the vault (left unchanged): " + differences.missingTags.map(tagText).joined(separator: ", ")
            )
        }
        let size = vault.billing?.size?.value
        let tags = Record((vault.tags ?? []).map { ResultRecord.Field($0.key, .string($0.value ?? "")) })
        var summary = "vault \"\(vault.name)\" \(action): id \(vault.id)"
        if let size { summary += ", \(size) GB" }
        if !notes.isEmpty { summary += " (" + notes.joined(separator: "; ") + ")" }
        return ResultRecord(
            kind: "vault",
            fields: [
                .init("action", .string(action)), .init("id", .string(vault.id)), .init("name", .string(vault.name)),
                .init("size_gb", size.map(Value.integer) ?? .null),
                .init("protects", vault.billing?.objectType.map(Value.string) ?? .null),
                .init("consistency", vault.billing?.consistentLevel.map(shortLevel).map(Value.string) ?? .null),
                .init("tags", .record(tags)),
                .init("missing_tags", .list(differences.missingTags.map { .string(tagText($0)) })),
            ],
            summary: summary
        )
    }

    /// The result of `attach`: `action` (`attached`, `already attached`), `resource_type`, `id`, `vault_id`.
    static func attach(_ outcome: VaultConvergence.AttachOutcome, resourceID: String, kind: String) -> ResultRecord {
        let action = switch outcome {
        case .attached: "attached"
        case .alreadyAttached: "already attached"
        }
        let vault = outcome.vault
        return ResultRecord(
            kind: "attach",
            fields: [
                .init("action", .string(action)), .init("resource_type", .string(kind)), .init("id", .string(resourceID)),
                .init("vault_id", .string(vault.id)),
            ],
            summary: "\(kind) \(resourceID) \(action) to vault \"\(vault.name)\""
        )
    }

    /// `crash` for `crash_consistent`, other levels as they are.
    static func shortLevel(_ level: String) -> String {
        level.hasSuffix("_consistent") ? String(level.dropLast(11)) : level
    }

    /// `KEY=VALUE`.
    static func tagText(_ tag: Tag) -> String {
        "\(tag.key)=\(tag.value ?? "")"
    }
}
