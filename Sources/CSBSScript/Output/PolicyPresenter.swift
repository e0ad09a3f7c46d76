import CSBSClient

/// Turns the outcomes of ``PolicyConvergence`` into the result records of `policy`, `bind policy` and
/// `unbind policy`.
enum PolicyPresenter {
    /// The result of `policy`: `action` (`created`, `selected`, `updated`), `id`, `name`, `schedule`, `retention`;
    /// the summary says what was there before an update, or what the script asked for when left unchanged.
    static func record(_ outcome: PolicyOutcome, name: String, wanted: PolicyShape) -> ResultRecord {
        let policy = outcome.policy
        let action: String
        let note: String
        switch outcome {
        case .created:
            (action, note) = ("created", "")
        case .unchanged:
            (action, note) = ("selected", "")
        case .differs:
            (action, note) = ("selected", " (the script asks for \(wanted); left unchanged, add 'update' to change it)")
        case .updated(_, let was):
            (action, note) = ("updated", " (was \(was?.description ?? "a schedule csbs cannot show"))")
        }
        let shown = action == "selected" ? PolicyShape(policy) : wanted
        let schedule = shown?.scheduleText ?? policy.trigger?.properties.pattern.joined(separator: " | ") ?? ""
        let retention = shown?.retentionText ?? "unknown"
        return ResultRecord(
            kind: "policy",
            fields: [
                .init("action", .string(action)), .init("id", .string(policy.id)), .init("name", .string(name)),
                .init("schedule", .string(schedule)), .init("retention", .string(retention)),
            ],
            summary: "policy \"\(name)\" \(action): id \(policy.id), \(schedule), \(retention)\(note)"
        )
    }

    /// The result of `policies`: `count` and a row per policy (`id`, `name`, `enabled`, `schedule`, `retention`,
    /// `vault_ids`: the vaults it is bound to), in the service's order.
    static func list(_ policies: [Policy]) -> ResultRecord {
        let rows = policies.map { policy in
            let shape = PolicyShape(policy)
            let schedule = shape?.scheduleText ?? policy.trigger?.properties.pattern.joined(separator: " | ") ?? ""
            return Record([
                .init("id", .string(policy.id)), .init("name", policy.name.map(Value.string) ?? .null),
                .init("enabled", policy.enabled.map(Value.bool) ?? .null), .init("schedule", .string(schedule)),
                .init("retention", .string(shape?.retentionText ?? "unknown")),
                .init("vault_ids", .list((policy.associatedVaults ?? []).compactMap { $0.vaultID.map(Value.string) })),
            ])
        }
        return ResultRecord(
            kind: "policies", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) polic\(rows.count == 1 ? "y" : "ies")", rows: rows
        )
    }

    /// The result of `bind policy` and `unbind policy`: `action`, `id`, `name`, `vault_id`.
    static func binding(_ action: String, policy: Policy, vault: Vault, preposition: String) -> ResultRecord {
        let name = policy.name ?? policy.id
        return ResultRecord(
            kind: "policy_binding",
            fields: [
                .init("action", .string(action)), .init("id", .string(policy.id)), .init("name", .string(name)),
                .init("vault_id", .string(vault.id)),
            ],
            summary: "policy \"\(name)\" \(action) \(preposition) vault \"\(vault.name)\""
        )
    }
}
