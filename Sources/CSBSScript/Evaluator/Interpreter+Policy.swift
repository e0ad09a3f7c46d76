import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `policy NAME every … at HH:MM [keep N | retain D] [update]`: creates the backup policy when there is none
    /// with that name; otherwise selects it, and changes a differing schedule or retention only with `update`
    /// (see ``PolicyConvergence``).
    mutating func execute(_ statement: PolicyStmt) async throws -> ResultRecord {
        let name = try await nameValue(statement.name, of: .policy, what: "the policy name")
        let wanted = try await wantedShape(statement)
        let outcome: PolicyOutcome
        do {
            outcome = try await PolicyConvergence(client: client).converge(name: name, to: wanted, update: statement.update)
        } catch let error as PolicyConvergenceError {
            throw RuntimeFailure.policy(error, at: statement.name.range)
        }
        return PolicyPresenter.record(outcome, name: name, wanted: wanted)
    }

    /// `bind policy NAME`: binds the policy to the selected vault; already bound is fine.
    mutating func bindPolicy(_ statement: PolicyBindingStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "bind policy", at: statement.range)
        let policy = try await findPolicy(statement)
        let bound = try await PolicyConvergence(client: client).bind(policy, toVault: vault.id)
        return PolicyPresenter.binding(bound ? "bound" : "already bound", policy: policy, vault: vault, preposition: "to")
    }

    /// `policies [vault NAME]`: the backup policies, or those bound to the vault NAME (a name or ID).
    mutating func listPolicies(_ statement: PoliciesStmt) async throws -> ResultRecord {
        var vaultID: String?
        if let vaultExpr = statement.vault {
            vaultID = try await findVault(VaultReference(name: vaultExpr, range: vaultExpr.range), for: "policies").id
        }
        return PolicyPresenter.list(try await client.listPolicies(operationType: "backup", vaultID: vaultID))
    }

    /// `unbind policy NAME`: unbinds the policy from the selected vault; not bound is fine.
    mutating func unbindPolicy(_ statement: PolicyBindingStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "unbind policy", at: statement.range)
        let policy = try await findPolicy(statement)
        let unbound = try await PolicyConvergence(client: client).unbind(policy, fromVault: vault.id)
        return PolicyPresenter.binding(
            unbound ? "unbound" : "not bound", policy: policy, vault: vault, preposition: unbound ? "from" : "to"
        )
    }

    /// The schedule, time and retention the statement asks for.
    private mutating func wantedShape(_ statement: PolicyStmt) async throws -> PolicyShape {
        let schedule: PolicyShape.Schedule = switch statement.schedule {
        case .daily: .daily
        case .weekly(let days): .weekly(days.compactMap { PolicyShape.Day(rawValue: $0.rawValue) })
        }
        return PolicyShape(
            schedule: schedule, hour: statement.time.hour, minute: statement.time.minute,
            retention: try await retention(statement)
        )
    }

    /// The retention the statement asks for, checked: `keep` 1–99999 backups, `retain` 1–99999 whole days.
    private mutating func retention(_ statement: PolicyStmt) async throws -> PolicyShape.Retention {
        switch statement.retention {
        case nil:
            return .forever
        case .keep(let expr):
            let count = try await integerValue(expr, what: "the number of backups to keep")
            guard (1...99_999).contains(count) else {
                throw RuntimeFailure.badArgument("'keep' takes 1 to 99999 backups, not \(count)", at: expr.range)
            }
            return .count(count)
        case .retain(let expr):
            let (seconds, attoseconds) = try await durationValue(expr).components
            guard attoseconds == 0, seconds % 86_400 == 0, (1...99_999).contains(seconds / 86_400) else {
                throw RuntimeFailure.badArgument("'retain' takes 1 to 99999 whole days, such as 30d", at: expr.range)
            }
            return .days(Int(seconds / 86_400))
        }
    }

    /// The backup policy with this name, or with this ID when no name matches.
    private mutating func findPolicy(_ statement: PolicyBindingStmt) async throws -> Policy {
        let name = try await stringValue(statement.name, what: "the policy name")
        do {
            return try await PolicyConvergence(client: client).find(name)
        } catch let error as PolicyConvergenceError {
            throw RuntimeFailure.policy(error, at: statement.name.range)
        }
    }
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
