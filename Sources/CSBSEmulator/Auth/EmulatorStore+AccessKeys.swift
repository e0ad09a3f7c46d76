import GRDB

extension EmulatorStore {
    /// Stores a new access key (tests use it for temporary keys).
    func insertAccessKey(_ key: AccessKeyRecord) async throws {
        try await writeState { db in try key.insert(db) }
    }

    /// The access key with this id and its user, if both exist.
    func accessKey(_ id: String) async throws -> (AccessKeyRecord, UserRecord)? {
        try await readState { db in
            // Every signed request runs this: cached statements skip SQL generation and compilation.
            guard let key = try AccessKeyRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM accessKey WHERE id = ?"), arguments: [id]),
                let user = try UserRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [key.userId])
            else { return nil }
            return (key, user)
        }
    }

    /// Counts a bad signature; the `limit`-th one locks the key until `lockUntil` and restarts the count.
    func recordBadSignature(accessKeyID: String, limit: Int, lockUntil: Int64) async throws {
        try await writeState { db in
            guard var key = try AccessKeyRecord.fetchOne(db, key: accessKeyID) else { return }
            key.failedAttempts += 1
            if key.failedAttempts >= limit {
                key.failedAttempts = 0
                key.lockedUntil = lockUntil
            }
            try key.update(db)
        }
    }

    /// Forgets earlier bad signatures after a good one (callers skip it when the key has none: a write per
    /// request would also expire every cached read).
    func recordGoodSignature(accessKeyID: String) async throws {
        try await writeState { db in
            try db.execute(
                sql: "UPDATE accessKey SET failedAttempts = 0, lockedUntil = NULL WHERE id = ? AND failedAttempts > 0",
                arguments: [accessKeyID]
            )
        }
    }
}
