import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `servers`: the project's servers that CBR can protect, with whether and where they are protected.
    func listServers() async throws -> ResultRecord {
        let servers = try await client.protectables(type: .server).collect()
        let rows = servers.map { server in
            let vault = server.protectable?.vault
            return Record([
                .init("id", .string(server.id)), .init("name", server.name.map(Value.string) ?? .null),
                .init("status", server.status.map(Value.string) ?? .null),
                .init("protected", .bool(vault?.id != nil)),
                .init("backupable", server.protectable?.result.map(Value.bool) ?? .null),
                .init("vault", vault?.name.map(Value.string) ?? .null),
                .init("vault_id", vault?.id.map(Value.string) ?? .null),
                .init("disks", .integer(server.children?.count ?? 0)),
            ])
        }
        let protected = rows.filter { $0["protected"] == .bool(true) }.count
        return ResultRecord(
            kind: "servers", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) server\(rows.count == 1 ? "" : "s"), \(protected) protected", rows: rows
        )
    }

    /// `detach server|disk ID…`: removes the resources from the selected vault; one not attached is fine. One ID
    /// is one call; several (or a list) are the set form: batched `removeresources` calls, a result with each
    /// resource's outcome, and `runtime.detachFailed` at the end when any may still be in the vault.
    mutating func execute(_ statement: DetachStmt) async throws -> ResultRecord {
        let selected = try selectedVault(for: "detach", at: statement.range)
        let (ids, isSet) = try await resourceSet(statement.ids)
        let kind = statement.kind.rawValue
        if !isSet, let id = ids.first {
            let outcome = try await VaultConvergence(client: client).detach(id, from: selected.id)
            context.vault = outcome.vault
            return VaultPresenter.detach(outcome, resourceID: id, kind: kind)
        }
        let outcome = try await VaultConvergence(client: client).detach(ids, from: selected.id)
        context.vault = outcome.vault
        let result = VaultPresenter.detach(outcome, kind: kind)
        let failures = outcome.failures
        guard let first = failures.first else { return result }
        output.result(result)
        var failure = RuntimeFailure.command(
            RuntimeMessages.detachFailed(failures.map { (id: $0.id, reason: $0.error.description) }, of: ids.count, kind: kind),
            at: statement.range, underlying: first.error
        )
        failure.result = result
        throw failure
    }

    /// `resize vault [NAME] size GB`: changes the vault's capacity.
    mutating func execute(_ statement: ResizeVaultStmt) async throws -> ResultRecord {
        let vault = try await findVault(VaultReference(name: statement.name, range: statement.range), for: "resize vault")
        let size = try await integerValue(statement.size, what: "the vault size")
        let outcome = try await VaultConvergence(client: client).resize(vault, toGB: size)
        if context.vault?.id == outcome.vault.id { context.vault = outcome.vault }
        return VaultPresenter.resize(outcome)
    }

    /// `delete vault [NAME] [force]`: deletes the vault; one with resources or backups only with `force`.
    mutating func execute(_ statement: DeleteVaultStmt) async throws -> ResultRecord {
        let vault = try await findVault(VaultReference(name: statement.name, range: statement.range), for: "delete vault")
        do {
            try await VaultDeletion(client: client).delete(vault, force: statement.force)
        } catch let error as VaultDeletionError {
            throw RuntimeFailure.vault(error, at: statement.range)
        }
        if context.vault?.id == vault.id { context.vault = nil }
        return VaultPresenter.deleted(vault)
    }
}
