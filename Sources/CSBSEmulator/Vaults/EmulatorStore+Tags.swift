import GRDB

/// A tag to set or remove; `value` is ignored when removing.
struct TagChange: Codable, Sendable, Equatable {
    var key: String
    var value: String
}

extension EmulatorStore {
    /// The most tags a vault can hold.
    static let maxTags = 20

    /// The tags of a vault, by key.
    /// - Throws: ``EmulatorError/invalidTagVault`` for an unknown vault.
    func tags(
        vaultID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [VaultTagRecord] {
        try await settledRead(at: now, environment: environment) { db in
            guard try Self.vault(vaultID, projectID: projectID, in: db) != nil else { throw EmulatorError.invalidTagVault }
            return try Self.tags(of: vaultID, in: db)
        }
    }

    /// Sets tags (an existing key is overwritten) and removes others, all or nothing.
    /// - Throws: 9900 (unknown vault), 6600 (more than ``maxTags`` tags), 6601 (removing a missing key when
    ///   `strict`).
    func changeTags(
        vaultID: String,
        projectID: String,
        set: [TagChange],
        remove: [String],
        strict: Bool,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard try Self.vault(vaultID, projectID: projectID, in: db) != nil else { throw EmulatorError.invalidTagVault }
            try Self.setTags(set, vaultID: vaultID, in: db)
            for key in remove {
                let removed = try VaultTagRecord.deleteOne(db, key: ["vaultId": vaultID, "key": key])
                if strict, !removed { throw EmulatorError.tagNotFound(key) }
            }
        }
    }

    /// Every tag key of the project's vaults with its distinct values.
    func projectTags(
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> [(key: String, values: [String])] {
        try await settledRead(at: now, environment: environment) { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT t.key, t.value FROM vaultTag t JOIN vault v ON v.id = t.vaultId
                    WHERE v.projectId = ? ORDER BY t.key, t.value
                    """,
                arguments: [projectID]
            )
            var result: [(key: String, values: [String])] = []
            for row in rows {
                let key: String = row["key"]
                let value: String = row["value"]
                if result.last?.key == key { result[result.count - 1].values.append(value) } else {
                    result.append((key, [value]))
                }
            }
            return result
        }
    }

    /// Sets `tags` on the vault; with no tags to set nothing is read or written (the count cannot grow).
    /// - Throws: ``EmulatorError/tooManyTags`` when the vault would hold more than ``maxTags``.
    static func setTags(_ tags: [TagChange], vaultID: String, in db: Database) throws {
        guard !tags.isEmpty else { return }
        for tag in tags {
            try VaultTagRecord(vaultId: vaultID, key: tag.key, value: tag.value).upsert(db)
        }
        let count = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM vaultTag WHERE vaultId = ?"), arguments: [vaultID]
        ) ?? 0
        guard count <= maxTags else { throw EmulatorError.tooManyTags }
    }

    /// The tags of a vault, by key (a cached statement: every vault body reads them).
    static func tags(of vaultID: String, in db: Database) throws -> [VaultTagRecord] {
        try VaultTagRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM vaultTag WHERE vaultId = ? ORDER BY key"), arguments: [vaultID]
        )
    }
}
