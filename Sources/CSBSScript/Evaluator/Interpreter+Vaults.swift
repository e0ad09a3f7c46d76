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
        return VaultPresenter.list(vaults)
    }

    /// `use vault NAME`: selects an existing vault by name or ID; never creates one.
    mutating func useVault(_ reference: VaultReference) async throws -> ResultRecord {
        let vault = try await findVault(reference, for: "use vault")
        context.vault = vault
        return VaultPresenter.selected(vault)
    }

    /// `show vault [NAME]`: the named vault's details, or the selected vault's, fetched fresh.
    mutating func showVault(_ reference: VaultReference) async throws -> ResultRecord {
        let vault = try await findVault(reference, for: "show vault")
        // One call more, for what a person looking at a vault asks next: which policy backs it up. A refusal (an
        // account that may read vaults but not policies) leaves that unknown (`null`), not the vault unshown.
        let policies: [Policy]?
        do {
            policies = try await client.listPolicies(operationType: "backup", vaultID: vault.id)
        } catch is ClientError {
            policies = nil
        }
        return VaultPresenter.show(vault, policies: policies)
    }

    /// The vault a reference names (by name, else by ID, see ``VaultLookup``), or the selected one as the service
    /// has it now.
    mutating func findVault(_ reference: VaultReference, for statement: String) async throws -> Vault {
        let lookup = VaultLookup(client: client)
        guard let nameExpr = reference.name else {
            return try await lookup.current(id: try selectedVault(for: statement, at: reference.range).id)
        }
        do {
            return try await lookup.find(try await stringValue(nameExpr, what: "the vault name"))
        } catch let error as VaultLookupError {
            throw RuntimeFailure.vault(error, at: nameExpr.range)
        }
    }
}
