import CSBSClient
import CSBSPlatform
import CSBSSyntax
import FoundationEssentials

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
            name: try await nameValue(statement.name, of: .vault, what: "the vault name"),
            sizeGB: try await integerValue(statement.size, what: "the vault size"),
            objectType: statement.protection.map { $0 == .server ? .server : .disk },
            consistentLevel: statement.consistency?.wireValue, tags: try await tagValues(statement.tags),
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
    mutating func tagValues(_ pairs: [TagPair]) async throws -> [Tag] {
        var tags: [Tag] = []
        for pair in pairs {
            let key = try await stringValue(pair.key, what: "the tag key").trimmed(.whitespace)
            let value = try await stringValue(pair.value, what: "the tag value").trimmed(.whitespace)
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

    /// `attach server|disk ID… [name "…"]`: associates the resources with the selected vault; already there is
    /// fine. One ID is one call; several (or a list) are the set form: batched `addresources` calls, a result
    /// with each resource's outcome, and `runtime.attachFailed` at the end when any is not attached.
    mutating func execute(_ statement: AttachStmt) async throws -> ResultRecord {
        let vault = try selectedVault(for: "attach", at: statement.range)
        let type: VaultObjectType = statement.kind == .server ? .server : .disk
        let (ids, isSet) = try await resourceSet(statement.ids)
        if !isSet, let id = ids.first {
            let displayName = try await stringValue(statement.name, what: "the resource name")
            let outcome: VaultConvergence.AttachOutcome
            do {
                outcome = try await VaultConvergence(client: client).attach(id, type: type, name: displayName, to: vault)
            } catch let error as ClientError where VaultLookup.isInAnotherVault(error) {
                // The service names the other vault by ID; say its name, and what to do.
                guard let holder = await VaultLookup(client: client).vaultsHolding([id])[id] else { throw error }
                let message = RuntimeMessages.inAnotherVault(error, id: id, kind: statement.kind.rawValue, vault: holder.name)
                throw RuntimeFailure.command(message, at: statement.range, underlying: error)
            }
            if case .attached(let changed) = outcome { context.vault = changed }
            return VaultPresenter.attach(outcome, resourceID: id, kind: statement.kind.rawValue)
        }
        if let name = statement.name {
            throw RuntimeFailure.badArgument("'name' names one resource, not a list of \(ids.count)", at: name.range)
        }
        let outcome = try await VaultConvergence(client: client).attach(ids, type: type, to: vault)
        context.vault = outcome.vault
        let result = VaultPresenter.attach(outcome, kind: statement.kind.rawValue)
        let failures = outcome.failures
        guard let first = failures.first else { return result }
        output.result(result)
        // The message shows the first three; of those in another vault, it says which (one listing).
        let elsewhere = failures.prefix(3).filter { VaultLookup.isInAnotherVault($0.error) }.map(\.id)
        let holders = await VaultLookup(client: client).vaultsHolding(elsewhere)
        var failure = RuntimeFailure.command(
            RuntimeMessages.attachFailed(
                failures.map { failure in
                    let holder = holders[failure.id].map { "in vault \"\($0.name)\": " } ?? ""
                    return (id: failure.id, reason: holder + failure.error.description)
                },
                of: ids.count, kind: statement.kind.rawValue
            ),
            at: statement.range, underlying: first.error
        )
        // A capture binds nothing on failure (`null` under `on error continue`); the resources that did go in
        // are still the script's to use: `$error.result`.
        failure.result = result
        throw failure
    }
}
