import CSBSClient
import CSBSSyntax
import Foundation

extension Interpreter {
    /// `vault NAME size GB [server|disk] [crash|app] [tag K=V…] [resize]`: selects the vault with that name,
    /// creating it (with that protection type, consistency and tags) when there is none.
    ///
    /// An existing vault is never changed silently: a different size, consistency or missing tags are reported in
    /// the result; with `resize` a vault smaller than asked grows to the asked size (it never shrinks: that is
    /// `resize vault`). An existing vault of the other protection type, when one is asked for, is an error.
    /// Running the same statement twice sends no write the second time.
    mutating func execute(_ statement: VaultStmt) async throws -> ResultRecord {
        let request = VaultConvergence.Request(
            name: try nameValue(statement.name, of: .vault, what: "the vault name"),
            sizeGB: try integerValue(statement.size, what: "the vault size"),
            objectType: statement.protection.map { $0 == .server ? .server : .disk },
            consistentLevel: statement.consistency?.wireValue, tags: try tagValues(statement.tags),
            resize: statement.resize
        )
        let outcome: VaultOutcome
        do {
            outcome = try await VaultConvergence(client: client, locks: nameLocks).converge(request)
        } catch let error as VaultConvergenceError {
            throw RuntimeFailure.vault(error, name: statement.name.range, statement: statement.range)
        }
        context.vault = outcome.vault
        return VaultPresenter.record(outcome)
    }

    /// The statement's tags as the service takes them, checked against its documented rules
    /// (``ServiceRules/tagProblem(key:value:)``, each key once).
    func tagValues(_ pairs: [TagPair]) throws -> [Tag] {
        var tags: [Tag] = []
        for pair in pairs {
            let key = try stringValue(pair.key, what: "the tag key").trimmingCharacters(in: .whitespaces)
            let value = try stringValue(pair.value, what: "the tag value").trimmingCharacters(in: .whitespaces)
            if let problem = ServiceRules.tagProblem(key: key, value: value) {
                throw RuntimeFailure.badArgument(problem, at: pair.range)
            }
            if tags.contains(where: { $0.key == key }) {
                throw RuntimeFailure.badArgument("the tag '\(key)' is given more than once", at: pair.range)
            }
            tags.append(Tag(key: key, value: value))
        }
        return tags
    }

    /// `attach server|disk ID [name "…"]`: associates the resource with the selected vault; already there is fine.
    mutating func execute(_ statement: AttachStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "attach", at: statement.range)
        let id = try stringValue(statement.id, what: "the resource ID")
        let displayName = try statement.name.map { try stringValue($0, what: "the resource name") }
        let outcome = try await VaultConvergence(client: client).attach(
            id, type: statement.kind == .server ? .server : .disk, name: displayName, to: vault
        )
        if case .attached(let changed) = outcome { context.vault = changed }
        return VaultPresenter.attach(outcome, resourceID: id, kind: statement.kind.rawValue)
    }
}
