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

    /// `detach server|disk ID`: removes the resource from the selected vault; one not attached is fine.
    mutating func execute(_ statement: DetachStmt) async throws -> ResultRecord {
        let selected = try selectedVault(for: "detach", at: statement.range)
        let id = try stringValue(statement.id, what: "the resource ID")
        var vault = try await client.showVault(id: selected.id)
        let action: String
        let removing = vault.resources?.first { $0.id == id }?.protectStatus == "removing"
        if removing {
            action = "being detached"
        } else if vault.contains(resourceID: id) {
            _ = try await client.removeResources(vaultID: vault.id, resourceIDs: [id])
            vault.resources = vault.resources?.filter { $0.id != id }
            action = "detached"
        } else {
            action = "not attached"
        }
        context.vault = vault
        let kind = statement.kind.rawValue
        return ResultRecord(
            kind: "detach",
            fields: [
                .init("action", .string(action)), .init("resource_type", .string(kind)), .init("id", .string(id)),
                .init("vault_id", .string(vault.id)),
            ],
            summary: "\(kind) \(id) \(action) \(action == "not attached" ? "to" : "from") vault \"\(vault.name)\""
        )
    }

    /// `resize vault [NAME] size GB`: changes the vault's capacity.
    mutating func execute(_ statement: ResizeVaultStmt) async throws -> ResultRecord {
        let vault = try await findVault(VaultReference(name: statement.name, range: statement.range), for: "resize vault")
        let size = try integerValue(statement.size, what: "the vault size")
        let before = vault.billing?.size?.value
        let resized = before == size ? vault : try await client.resizeVault(id: vault.id, sizeGB: size)
        if context.vault?.id == resized.id { context.vault = resized }
        let action = before == size ? "unchanged" : "resized"
        return ResultRecord(
            kind: "vault",
            fields: [
                .init("action", .string(action)), .init("id", .string(resized.id)), .init("name", .string(resized.name)),
                .init("size_gb", .integer(resized.billing?.size?.value ?? size)),
                .init("previous_size_gb", before.map(Value.integer) ?? .null),
            ],
            summary: "vault \"\(resized.name)\" \(action): \(before.map { "\($0) GB → " } ?? "")\(size) GB"
        )
    }

    /// `delete vault [NAME] [force]`: deletes the vault; one with resources or backups only with `force`.
    mutating func execute(_ statement: DeleteVaultStmt) async throws -> ResultRecord {
        let vault = try await findVault(VaultReference(name: statement.name, range: statement.range), for: "delete vault")
        let resources = (vault.resources ?? []).filter { $0.protectStatus != "removing" }.count
        let page = try await client.listBackups(BackupQuery(vaultID: vault.id, limit: 1))
        let backups = page.count?.value ?? page.backups.count
        if !statement.force, resources > 0 || backups > 0 {
            throw RuntimeFailure.badArgument(
                "vault \"\(vault.name)\" holds \(resources) resource\(resources == 1 ? "" : "s") and "
                    + "\(backups) backup\(backups == 1 ? "" : "s"); `delete vault \"\(vault.name)\" force` deletes them with it",
                at: statement.range
            )
        }
        try await client.deleteVault(id: vault.id)
        if context.vault?.id == vault.id { context.vault = nil }
        return ResultRecord(
            kind: "vault",
            fields: [.init("action", .string("deleted")), .init("id", .string(vault.id)), .init("name", .string(vault.name))],
            summary: "vault \"\(vault.name)\" deleted"
        )
    }
}
