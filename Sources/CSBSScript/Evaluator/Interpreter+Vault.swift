import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `vault NAME size GB`: selects the vault with that name, creating it when there is none.
    mutating func execute(_ statement: VaultStmt) async throws -> ResultRecord {
        let name = try stringValue(statement.name, what: "the vault name")
        let size = try integerValue(statement.size, what: "the vault size")
        let matches = try await client.listVaults(name: name).vaults.filter { $0.name == name }
        if matches.count > 1 {
            throw RuntimeFailure(
                category: .command,
                diagnostic: Diagnostic(RuntimeMessages.ambiguousVault(name, count: matches.count), range: statement.name.range)
            )
        }
        let vault: Vault
        let action: String
        if let existing = matches.first {
            vault = existing
            action = "selected"
        } else {
            vault = try await client.createVault(name: name, sizeGB: size)
            action = "created"
        }
        context.vault = vault
        let actualSize = vault.billing?.size?.value ?? size
        var summary = "vault \"\(vault.name)\" \(action): id \(vault.id), \(actualSize) GB"
        if actualSize != size {
            summary += " (the script asks for \(size) GB; size left unchanged)"
        }
        return ResultRecord(
                kind: "vault",
                fields: [
                    .init("action", .string(action)), .init("id", .string(vault.id)), .init("name", .string(vault.name)),
                    .init("size_gb", .integer(actualSize)),
                ],
                summary: summary
            )
    }

    /// `attach server|disk ID [name "…"]`: associates the resource with the selected vault; already there is fine.
    mutating func execute(_ statement: AttachStmt) async throws -> ResultRecord {
        var vault = try selectedVault(for: "attach", at: statement.range)
        let id = try stringValue(statement.id, what: "the resource ID")
        let displayName = try statement.name.map { try stringValue($0, what: "the resource name") }
        let kind = statement.kind.rawValue
        let action: String
        if vault.contains(resourceID: id) {
            action = "already attached"
        } else {
            let type = statement.kind == .server ? VaultObjectType.server.resourceType : VaultObjectType.disk.resourceType
            let resource = ResourceReference(id: id, type: type, name: displayName)
            _ = try await client.addResources(vaultID: vault.id, [resource])
            vault.resources = (vault.resources ?? []) + [VaultResource(id: id, name: resource.name, type: type)]
            context.vault = vault
            action = "attached"
        }
        return ResultRecord(
                kind: "attach",
                fields: [
                    .init("action", .string(action)), .init("resource_type", .string(kind)), .init("id", .string(id)),
                    .init("vault_id", .string(vault.id)),
                ],
                summary: "\(kind) \(id) \(action) to vault \"\(vault.name)\""
            )
    }
}
