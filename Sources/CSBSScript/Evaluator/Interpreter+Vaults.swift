import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `vaults`: every vault of the project, as a list of records (a table for people).
    func listVaults() async throws -> ResultRecord {
        var vaults: [Vault] = []
        var offset = 0
        while true {
            try Task.checkCancellation()
            let page = try await client.listVaults(limit: 100, offset: offset).vaults
            vaults += page
            offset += page.count
            if page.count < 100 { break }
        }
        let rows = vaults.map(Self.row)
        return ResultRecord(
            kind: "vaults", fields: [.init("count", .integer(rows.count))],
            summary: "\(rows.count) vault\(rows.count == 1 ? "" : "s")", rows: rows
        )
    }

    /// `use vault NAME`: selects an existing vault by name or ID; never creates one.
    mutating func useVault(_ reference: VaultReference) async throws -> ResultRecord {
        let vault = try await findVault(reference, for: "use vault")
        context.vault = vault
        return ResultRecord(
            kind: "vault", fields: Self.row(vault).fields + [.init("action", .string("selected"))],
            summary: "vault \"\(vault.name)\" selected: id \(vault.id), \(vault.billing?.size?.value ?? 0) GB"
        )
    }

    /// `show vault [NAME]`: the named vault's details, or the selected vault's, fetched fresh.
    func showVault(_ reference: VaultReference) async throws -> ResultRecord {
        let vault = try await findVault(reference, for: "show vault")
        let row = Self.row(vault)
        let resources = (vault.resources ?? []).map { resource in
            Value.record(Record([
                .init("id", .string(resource.id)), .init("name", resource.name.map(Value.string) ?? .null),
                .init("type", resource.type.map(Value.string) ?? .null),
            ]))
        }
        return ResultRecord(
            kind: "vault", fields: row.fields + [.init("resource_list", .list(resources))],
            summary: "vault \"\(vault.name)\": id \(vault.id), \(vault.billing?.size?.value ?? 0) GB, "
                + "\(resources.count) resource\(resources.count == 1 ? "" : "s")"
        )
    }

    /// The vault a reference names (by name, else by ID), or the selected one.
    func findVault(_ reference: VaultReference, for statement: String) async throws -> Vault {
        guard let nameExpr = reference.name else {
            let selected = try selectedVault(for: statement, at: reference.range)
            return try await client.showVault(id: selected.id)
        }
        let name = try stringValue(nameExpr, what: "the vault name")
        let matches = try await client.listVaults(name: name).vaults.filter { $0.name == name || $0.id == name }
        if matches.count > 1 {
            throw RuntimeFailure.command(RuntimeMessages.ambiguousVault(name, count: matches.count), at: nameExpr.range)
        }
        if let vault = matches.first { return vault }
        if let byID = try? await client.showVault(id: name) { return byID }
        throw RuntimeFailure.badArgument(
            "no vault is called \"\(name)\"; `vault \"\(name)\" size GB` creates it", at: nameExpr.range
        )
    }

    /// One vault as a record: `id`, `name`, `size_gb`, `used_gb`, `resources`.
    static func row(_ vault: Vault) -> Record {
        Record([
            .init("name", .string(vault.name)), .init("id", .string(vault.id)),
            .init("size_gb", vault.billing?.size.map { .integer($0.value) } ?? .null),
            .init("used_gb", vault.billing?.used.map { .integer($0.value) } ?? .null),
            .init("resources", .integer(vault.resources?.count ?? 0)),
        ])
    }
}
