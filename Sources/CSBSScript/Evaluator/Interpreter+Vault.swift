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
        let name = try stringValue(statement.name, what: "the vault name")
        let size = try integerValue(statement.size, what: "the vault size")
        let tags = try tagValues(statement.tags)
        let matches = try await client.listVaults(name: name, intent: .createsIfMissing)
            .vaults.filter { $0.name == name }
        if matches.count > 1 {
            throw RuntimeFailure.command(RuntimeMessages.ambiguousVault(name, count: matches.count), at: statement.name.range)
        }
        guard var vault = matches.first else {
            let protection = statement.protection ?? .server
            let consistency = statement.consistency ?? .crash
            let created = try await client.createVault(
                name: name, sizeGB: size, objectType: protection == .server ? .server : .disk,
                consistentLevel: consistency.wireValue, tags: tags
            )
            context.vault = created
            return vaultRecord(created, action: "created", notes: [], missingTags: [])
        }
        try checkProtection(of: vault, against: statement)
        var notes: [String] = []
        var action = "selected"
        let actualSize = vault.billing?.size?.value ?? size
        if actualSize < size, statement.resize {
            vault = try await client.resizeVault(id: vault.id, sizeGB: size)
            action = "resized"
            notes.append("grown from \(actualSize) GB")
        } else if actualSize != size {
            notes.append("the script asks for \(size) GB; size left unchanged")
        }
        if let asked = statement.consistency, let level = vault.billing?.consistentLevel, level != asked.wireValue {
            notes.append("the script asks for \(asked.rawValue)-consistent backups; the vault makes \(level) ones")
        }
        let present = Dictionary((vault.tags ?? []).map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let missing = tags.filter { present[$0.key] != ($0.value ?? "") }
        if !missing.isEmpty {
            notes.append("tags not on the vault (left unchanged): " + missing.map(Self.tagText).joined(separator: ", "))
        }
        context.vault = vault
        return vaultRecord(vault, action: action, notes: notes, missingTags: missing)
    }

    /// Fails when the statement asks for a protection type the existing vault does not have.
    private func checkProtection(of vault: Vault, against statement: VaultStmt) throws {
        guard let asked = statement.protection, let actual = vault.billing?.objectType, actual != asked.rawValue else {
            return
        }
        let message = SimpleDiagnosticMessage(
            id: MessageID(domain: "runtime", name: "vaultTypeMismatch"),
            message: "vault \"\(vault.name)\" already exists and protects \(actual) resources, not \(asked.rawValue) ones; "
                + "use another name, or drop '\(asked.rawValue)' to select it"
        )
        throw RuntimeFailure.command(message, at: statement.range)
    }

    /// The statement's tags as the service takes them, checked against its documented rules (key 1–36 and value
    /// up to 43 characters after trimming, none of `= * < > \\ , | /` or control characters, each key once).
    func tagValues(_ pairs: [TagPair]) throws -> [Tag] {
        var tags: [Tag] = []
        for pair in pairs {
            let key = try stringValue(pair.key, what: "the tag key").trimmingCharacters(in: .whitespaces)
            let value = try stringValue(pair.value, what: "the tag value").trimmingCharacters(in: .whitespaces)
            if let problem = Self.tagProblem(key: key, value: value) {
                throw RuntimeFailure.badArgument(problem, at: pair.range)
            }
            if tags.contains(where: { $0.key == key }) {
                throw RuntimeFailure.badArgument("the tag '\(key)' is given more than once", at: pair.range)
            }
            tags.append(Tag(key: key, value: value))
        }
        return tags
    }

    /// Why a tag breaks the service's rules, or `nil` when it does not.
    static func tagProblem(key: String, value: String) -> String? {
        let forbidden = Set("=*<>\\,|/")
        func bad(_ text: String) -> Bool {
            text.unicodeScalars.contains { $0.value < 32 || $0.value == 127 } || text.contains(where: forbidden.contains)
        }
        if key.isEmpty || key.count > 36 { return "a tag key must have 1 to 36 characters, not \(key.count)" }
        if value.count > 43 { return "the value of tag '\(key)' must have at most 43 characters, not \(value.count)" }
        if bad(key) || bad(value) {
            return "tag '\(key.prefix(36))' contains a character tags cannot hold (= * < > \\ , | / or a control character)"
        }
        return nil
    }

    static func tagText(_ tag: Tag) -> String {
        "\(tag.key)=\(tag.value ?? "")"
    }

    /// The result of `vault`: `action`, `id`, `name`, `size_gb`, `protects` (`server`/`disk`), `consistency`
    /// (`crash`/`app`), `tags` (a record) and `missing_tags` (the asked tags the vault lacks, as `KEY=VALUE`).
    private func vaultRecord(_ vault: Vault, action: String, notes: [String], missingTags: [Tag]) -> ResultRecord {
        let size = vault.billing?.size?.value
        let consistency = vault.billing?.consistentLevel.map { $0.hasSuffix("_consistent") ? String($0.dropLast(11)) : $0 }
        let tags = Record((vault.tags ?? []).map { ResultRecord.Field($0.key, .string($0.value ?? "")) })
        var summary = "vault \"\(vault.name)\" \(action): id \(vault.id)"
        if let size { summary += ", \(size) GB" }
        if !notes.isEmpty { summary += " (" + notes.joined(separator: "; ") + ")" }
        return ResultRecord(
            kind: "vault",
            fields: [
                .init("action", .string(action)), .init("id", .string(vault.id)), .init("name", .string(vault.name)),
                .init("size_gb", size.map(Value.integer) ?? .null),
                .init("protects", vault.billing?.objectType.map(Value.string) ?? .null),
                .init("consistency", consistency.map(Value.string) ?? .null), .init("tags", .record(tags)),
                .init("missing_tags", .list(missingTags.map { .string(Self.tagText($0)) })),
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
