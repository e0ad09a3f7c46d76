import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `policy NAME every … at HH:MM [keep N | retain D] [update]`: creates the backup policy when there is none
    /// with that name; otherwise selects it, and changes a differing schedule or retention only with `update`.
    mutating func execute(_ statement: PolicyStmt) async throws -> ResultRecord {
        let name = try stringValue(statement.name, what: "the policy name")
        let wanted = PolicyShape(schedule: statement.schedule, time: statement.time, retention: try retention(statement))
        let matches = try await client.listPolicies(operationType: "backup").filter { $0.name == name }
        if matches.count > 1 {
            throw RuntimeFailure.command(PolicyMessages.ambiguousPolicy(name, count: matches.count), at: statement.name.range)
        }
        let policy: Policy
        let action: String
        var note = ""
        if let existing = matches.first {
            let current = PolicyShape(existing)
            if current == wanted {
                policy = existing
                action = "selected"
            } else if statement.update {
                let update = PolicyUpdate(operationDefinition: wanted.definition, pattern: wanted.pattern)
                policy = try await client.updatePolicy(id: existing.id, update)
                action = "updated"
                note = " (was \(current?.description ?? "a schedule csbs cannot show"))"
            } else {
                policy = existing
                action = "selected"
                note = " (the script asks for \(wanted); left unchanged, add 'update' to change it)"
            }
        } else {
            policy = try await client.createPolicy(
                PolicyParameters(name: name, operationDefinition: wanted.definition, pattern: wanted.pattern)
            )
            action = "created"
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

    /// `bind policy NAME`: binds the policy to the selected vault; already bound is fine.
    mutating func bindPolicy(_ statement: PolicyBindingStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "bind policy", at: statement.range)
        let policy = try await findPolicy(statement)
        let bound = policy.associatedVaults?.contains { $0.vaultID == vault.id } ?? false
        if !bound {
            _ = try await client.associatePolicy(vaultID: vault.id, policyID: policy.id)
        }
        return bindingResult(bound ? "already bound" : "bound", policy: policy, vault: vault, preposition: "to")
    }

    /// `unbind policy NAME`: unbinds the policy from the selected vault; not bound is fine.
    mutating func unbindPolicy(_ statement: PolicyBindingStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "unbind policy", at: statement.range)
        let policy = try await findPolicy(statement)
        let bound = policy.associatedVaults?.contains { $0.vaultID == vault.id } ?? false
        if bound {
            _ = try await client.dissociatePolicy(vaultID: vault.id, policyID: policy.id)
        }
        return bindingResult(bound ? "unbound" : "not bound", policy: policy, vault: vault, preposition: bound ? "from" : "to")
    }

    /// The retention the statement asks for, checked: `keep` 1–99999 backups, `retain` 1–99999 whole days.
    private func retention(_ statement: PolicyStmt) throws -> PolicyShape.Retention {
        switch statement.retention {
        case nil:
            return .forever
        case .keep(let expr):
            let count = try integerValue(expr, what: "the number of backups to keep")
            guard (1...99_999).contains(count) else {
                throw RuntimeFailure.badArgument("'keep' takes 1 to 99999 backups, not \(count)", at: expr.range)
            }
            return .count(count)
        case .retain(let expr):
            let (seconds, attoseconds) = try durationValue(expr).components
            guard attoseconds == 0, seconds % 86_400 == 0, (1...99_999).contains(seconds / 86_400) else {
                throw RuntimeFailure.badArgument("'retain' takes 1 to 99999 whole days, such as 30d", at: expr.range)
            }
            return .days(Int(seconds / 86_400))
        }
    }

    /// The backup policy with this name, or with this ID when no name matches.
    private func findPolicy(_ statement: PolicyBindingStmt) async throws -> Policy {
        let name = try stringValue(statement.name, what: "the policy name")
        let policies = try await client.listPolicies(operationType: "backup", intent: .expectsName(name))
        let named = policies.filter { $0.name == name }
        if named.count > 1 {
            throw RuntimeFailure.command(PolicyMessages.ambiguousPolicy(name, count: named.count), at: statement.name.range)
        }
        guard let policy = named.first ?? policies.first(where: { $0.id == name }) else {
            throw RuntimeFailure.command(PolicyMessages.noSuchPolicy(name), at: statement.name.range)
        }
        return policy
    }

    private func bindingResult(_ action: String, policy: Policy, vault: Vault, preposition: String) -> ResultRecord {
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

/// A backup policy's schedule and retention in the form the `policy` statement writes, for comparing what a
/// script asks for with what exists.
struct PolicyShape: Equatable, CustomStringConvertible {
    enum Retention: Equatable {
        case count(Int)
        case days(Int)
        case forever
    }

    var schedule: PolicySchedule
    var time: PolicyTime
    var retention: Retention

    init(schedule: PolicySchedule, time: PolicyTime, retention: Retention) {
        self.schedule = schedule
        self.time = time
        self.retention = retention
    }

    /// Reads an existing policy; `nil` when its trigger is not one rule that `policy` can write (several rules,
    /// several times, an interval).
    init?(_ policy: Policy) {
        guard let patterns = policy.trigger?.properties.pattern, patterns.count == 1 else { return nil }
        var parts: [String: String] = [:]
        for part in patterns[0].split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parts[pair[0].uppercased()] = String(pair[1])
        }
        guard let hour = parts["BYHOUR"].flatMap({ Int($0) }), let minute = parts["BYMINUTE"].flatMap({ Int($0) }),
            (0...23).contains(hour), (0...59).contains(minute), parts["INTERVAL"].map({ $0 == "1" }) ?? true
        else { return nil }
        switch parts["FREQ"]?.uppercased() {
        case "DAILY" where parts["BYDAY"] == nil:
            schedule = .daily
        case "DAILY", "WEEKLY":
            let names = (parts["BYDAY"] ?? "").split(separator: ",").map { $0.lowercased() }
            let days = Weekday.allCases.filter { names.contains($0.rawValue) }
            guard !days.isEmpty, days.count == names.count else { return nil }
            schedule = days.count == Weekday.allCases.count ? .daily : .weekly(days)
        default:
            return nil
        }
        time = PolicyTime(hour: hour, minute: minute)
        let definition = policy.operationDefinition
        if let count = definition?.maxBackups?.value, count > 0 {
            retention = .count(count)
        } else if let days = definition?.retentionDurationDays?.value, days > 0 {
            retention = .days(days)
        } else {
            retention = .forever
        }
    }

    /// Equal schedules compare equal whatever order the days were written in.
    static func == (left: PolicyShape, right: PolicyShape) -> Bool {
        left.normalisedSchedule == right.normalisedSchedule && left.time == right.time && left.retention == right.retention
    }

    private var normalisedSchedule: PolicySchedule {
        switch schedule {
        case .daily: return .daily
        case .weekly(let days):
            let sorted = Weekday.allCases.filter(days.contains)
            return sorted.count == Weekday.allCases.count ? .daily : .weekly(sorted)
        }
    }

    /// The trigger rule: `FREQ=DAILY;BYHOUR=H;BYMINUTE=M` or `FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=H;BYMINUTE=M`, UTC.
    var pattern: [String] {
        let time = "BYHOUR=\(self.time.hour);BYMINUTE=\(self.time.minute)"
        switch normalisedSchedule {
        case .daily: return ["FREQ=DAILY;" + time]
        case .weekly(let days): return ["FREQ=WEEKLY;BYDAY=\(days.map(\.ruleName).joined(separator: ","));" + time]
        }
    }

    /// `max_backups` for `keep`, `retention_duration_days` for `retain`, `retention_duration_days: -1` (keep
    /// forever) otherwise.
    var definition: PolicyOperationDefinition {
        switch retention {
        case .count(let count): PolicyOperationDefinition(maxBackups: count)
        case .days(let days): PolicyOperationDefinition(retentionDurationDays: days)
        case .forever: PolicyOperationDefinition(retentionDurationDays: -1)
        }
    }

    /// `every day at 02:00 UTC` or `every mo,fr at 02:00 UTC`.
    var scheduleText: String {
        let days = switch normalisedSchedule {
        case .daily: "day"
        case .weekly(let days): days.map(\.rawValue).joined(separator: ",")
        }
        return "every \(days) at \(time.text) UTC"
    }

    /// `keep 7`, `retain 30d` or `keep forever`.
    var retentionText: String {
        switch retention {
        case .count(let count): "keep \(count)"
        case .days(let days): "retain \(days)d"
        case .forever: "keep forever"
        }
    }

    var description: String { "\(scheduleText), \(retentionText)" }
}

/// Runtime messages of the policy statements.
enum PolicyMessages {
    static func ambiguousPolicy(_ name: String, count: Int) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "runtime", name: "ambiguousPolicy"),
            message: "\(count) backup policies are named \"\(name)\"; rename or delete the extras so the name picks one"
        )
    }

    static func noSuchPolicy(_ name: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "runtime", name: "noSuchPolicy"),
            message: "there is no backup policy named \"\(name)\"; create it with `policy \"\(name)\" every day at 02:00`"
        )
    }
}
