import CSBSClient

/// Turns vaults and what ``VaultConvergence``, ``VaultLookup`` and ``VaultDeletion`` did with them into the
/// result records of `vault`, `attach`, `detach`, `vaults`, `use vault`, `show vault`, `resize vault` and
/// `delete vault`.
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

    /// The result of the set form of `attach`: `resource_type`, `vault_id`, the counts `attached`,
    /// `already_attached` and `failed`, and `resources`: `[{id, action, error?}]` in the order given, `action` one
    /// of `attached`, `already attached`, `failed`.
    static func attach(_ outcome: VaultConvergence.BatchAttachOutcome, kind: String) -> ResultRecord {
        let (rows, counts, failures) = setRows(outcome) { result in
            switch result {
            case .attached: "attached"
            case .alreadyAttached: "already attached"
            case .failed: "failed"
            }
        }
        let attached = counts["attached", default: 0]
        let already = counts["already attached", default: 0]
        let failed = counts["failed", default: 0]
        let noun = rows.count == 1 ? kind : kind + "s"
        return ResultRecord(
            kind: "attach",
            fields: [
                .init("resource_type", .string(kind)), .init("vault_id", .string(outcome.vault.id)),
                .init("attached", .integer(attached)), .init("already_attached", .integer(already)),
                .init("failed", .integer(failed)), .init("resources", .list(rows)),
            ],
            summary: "\(rows.count) \(noun) to vault \"\(outcome.vault.name)\": \(attached) attached, \(already) "
                + "already attached, \(failed) failed",
            details: failures.isEmpty ? nil : failures
        )
    }

    /// The `resources` of a set statement's result (`{id, action, error?}` in the order given), how many took each
    /// action, and a details row for each failed one: ID, code and the service's own words, which fit a table cell
    /// (the whole description, with the call and the request ID, is the row's `error`; a cell shows 100
    /// characters).
    private static func setRows<Result>(_ outcome: ResourceSetOutcome<Result>, action: (Result) -> String)
        -> (rows: [Value], counts: [String: Int], failures: [Record])
    {
        var rows: [Value] = []
        var counts: [String: Int] = [:]
        var failures: [Record] = []
        for (id, result) in outcome.results {
            let name = action(result)
            counts[name, default: 0] += 1
            var fields: [Record.Field] = [.init("id", .string(id)), .init("action", .string(name))]
            if let error = result.failure {
                fields.append(.init("error", .string(error.description)))
                failures.append(Record([
                    .init("id", .string(id)), .init("code", error.code.map(Value.string) ?? .null),
                    .init("reason", .string(error.message)),
                ]))
            }
            rows.append(.record(Record(fields)))
        }
        return (rows, counts, failures)
    }

    /// The result of `detach`: `action` (`detached`, `being detached`, `not attached`), `resource_type`, `id`,
    /// `vault_id`.
    static func detach(_ outcome: VaultConvergence.DetachOutcome, resourceID: String, kind: String) -> ResultRecord {
        let action = switch outcome {
        case .detached: "detached"
        case .beingDetached: "being detached"
        case .notAttached: "not attached"
        }
        let vault = outcome.vault
        let preposition = if case .notAttached = outcome { "to" } else { "from" }
        return ResultRecord(
            kind: "detach",
            fields: [
                .init("action", .string(action)), .init("resource_type", .string(kind)), .init("id", .string(resourceID)),
                .init("vault_id", .string(vault.id)),
            ],
            summary: "\(kind) \(resourceID) \(action) \(preposition) vault \"\(vault.name)\""
        )
    }

    /// The result of the set form of `detach`: `resource_type`, `vault_id`, the counts `detached`, `being_detached`,
    /// `not_attached` and `failed`, and `resources`: `[{id, action, error?}]` in the order given. A failed
    /// resource is also a row of the details (ID, code, the service's reason).
    static func detach(_ outcome: VaultConvergence.BatchDetachOutcome, kind: String) -> ResultRecord {
        let (rows, counts, failures) = setRows(outcome) { result in
            switch result {
            case .detached: "detached"
            case .beingDetached: "being detached"
            case .notAttached: "not attached"
            case .failed: "failed"
            }
        }
        let noun = rows.count == 1 ? kind : kind + "s"
        let detached = counts["detached", default: 0]
        let being = counts["being detached", default: 0]
        let absent = counts["not attached", default: 0]
        let failed = counts["failed", default: 0]
        var summary = "\(rows.count) \(noun) from vault \"\(outcome.vault.name)\": \(detached) detached"
        if being > 0 { summary += ", \(being) being detached already" }
        if absent > 0 { summary += ", \(absent) not attached" }
        summary += ", \(failed) failed"
        return ResultRecord(
            kind: "detach",
            fields: [
                .init("resource_type", .string(kind)), .init("vault_id", .string(outcome.vault.id)),
                .init("detached", .integer(detached)), .init("being_detached", .integer(being)),
                .init("not_attached", .integer(absent)), .init("failed", .integer(failed)),
                .init("resources", .list(rows)),
            ],
            summary: summary,
            details: failures.isEmpty ? nil : failures
        )
    }

    /// One vault as a record: `id`, `name`, `size_gb`, `used_gb` (GB to two decimals; the API's `billing.used` is
    /// MB), `resources` (a row of `vaults`).
    static func row(_ vault: Vault) -> Record {
        Record([
            .init("name", .string(vault.name)), .init("id", .string(vault.id)),
            .init("size_gb", vault.billing?.size.map { .integer($0.value) } ?? .null),
            .init("used_gb", vault.billing?.usedGB.map { .number(($0 * 100).rounded() / 100) } ?? .null),
            .init("resources", .integer(vault.resources?.count ?? 0)),
        ])
    }

    /// The result of `vaults`: `count` and a row per vault. The summary names the vaults the service is still
    /// deleting (`billing.status` `deleting`, after `delete vault`), which are listed until it is done.
    static func list(_ vaults: [Vault]) -> ResultRecord {
        let deleting = vaults.filter(\.isBeingDeleted).map { "\"\($0.name)\"" }
        var summary = "\(vaults.count) vault\(vaults.count == 1 ? "" : "s")"
        if !deleting.isEmpty {
            let named = deleting.prefix(3).joined(separator: ", ") + (deleting.count > 3 ? ", …" : "")
            summary += ", \(deleting.count) being deleted: \(named)"
        }
        return ResultRecord(
            kind: "vaults", fields: [.init("count", .integer(vaults.count))], summary: summary, rows: vaults.map(row)
        )
    }

    /// The result of `use vault`: the vault's row and `action: selected`.
    static func selected(_ vault: Vault) -> ResultRecord {
        ResultRecord(
            kind: "vault", fields: row(vault).fields + [.init("action", .string("selected"))],
            summary: "vault \"\(vault.name)\" selected: id \(vault.id), \(vault.billing?.size?.value ?? 0) GB"
        )
    }

    /// The result of `show vault`: the vault's row, `resource_list` (`id`, `name`, `type`, `protect_status` of each
    /// resource) and `policies` (`id`, `name` of each backup policy bound to it, `null` when the service would not
    /// list them), which the summary names, with how many resources are being removed (after `detach` the service
    /// lists a resource, `protect_status` `removing`, until it is done). People see the resources as a table under
    /// the summary: ID, name and status.
    static func show(_ vault: Vault, policies: [Policy]?) -> ResultRecord {
        let resources = (vault.resources ?? []).map { resource in
            Value.record(Record([
                .init("id", .string(resource.id)), .init("name", resource.name.map(Value.string) ?? .null),
                .init("type", resource.type.map(Value.string) ?? .null),
                .init("protect_status", resource.protectStatus.map(Value.string) ?? .null),
            ]))
        }
        let removing = (vault.resources ?? []).filter(\.isBeingRemoved).count
        let removingText = removing == 0 ? "" : " (\(removing) being removed)"
        let bound = policies.map { policies in
            Value.list(policies.map { policy in
                .record(Record([.init("id", .string(policy.id)), .init("name", policy.name.map(Value.string) ?? .null)]))
            })
        }
        let names = (policies ?? []).map { "\"\($0.name ?? $0.id)\"" }
        let policyText = switch (policies, names.count) {
        case (nil, _): ""
        case (_, 0): ", no policy"
        case (_, 1): ", policy " + names[0]
        default: ", policies " + names.joined(separator: ", ")
        }
        let table = (vault.resources ?? []).map { resource in
            Record([
                .init("id", .string(resource.id)), .init("name", resource.name.map(Value.string) ?? .null),
                .init("status", resource.protectStatus.map(Value.string) ?? .null),
            ])
        }
        return ResultRecord(
            kind: "vault",
            fields: row(vault).fields + [.init("resource_list", .list(resources)), .init("policies", bound ?? .null)],
            summary: "vault \"\(vault.name)\": id \(vault.id), \(vault.billing?.size?.value ?? 0) GB, "
                + "\(resources.count) resource\(resources.count == 1 ? "" : "s")\(removingText)\(policyText)",
            details: table.isEmpty ? nil : table
        )
    }

    /// The result of `resize vault`: `action` (`resized`, `unchanged`), `id`, `name`, `size_gb`,
    /// `previous_size_gb`.
    static func resize(_ outcome: VaultConvergence.ResizeOutcome) -> ResultRecord {
        let vault = outcome.vault
        let action: String
        let before: Int?
        let size: Int
        switch outcome {
        case .resized(_, let fromGB, let toGB):
            (action, before, size) = ("resized", fromGB, toGB)
        case .unchanged:
            let current = vault.billing?.size?.value
            (action, before, size) = ("unchanged", current, current ?? 0)
        }
        return ResultRecord(
            kind: "vault",
            fields: [
                .init("action", .string(action)), .init("id", .string(vault.id)), .init("name", .string(vault.name)),
                .init("size_gb", .integer(vault.billing?.size?.value ?? size)),
                .init("previous_size_gb", before.map(Value.integer) ?? .null),
            ],
            summary: "vault \"\(vault.name)\" \(action): \(before.map { "\($0) GB → " } ?? "")\(size) GB"
        )
    }

    /// The result of `delete vault`: `action: deleted`, `id`, `name`. The service accepts the deletion and
    /// finishes it in the background (`vaults` lists the vault as `deleting` meanwhile), which the summary says.
    static func deleted(_ vault: Vault) -> ResultRecord {
        ResultRecord(
            kind: "vault",
            fields: [.init("action", .string("deleted")), .init("id", .string(vault.id)), .init("name", .string(vault.name))],
            summary: "vault \"\(vault.name)\" deleted (the service removes it and its backups in the background)"
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
