import GRDB

extension EmulatorStore {
    /// The user named `userName` in the domain named `domainName`, if both exist.
    func user(named userName: String, inDomainNamed domainName: String) async throws -> (UserRecord, DomainRecord)? {
        try await writer.read { db in
            guard let domain = try DomainRecord.filter(Column("name") == domainName).fetchOne(db),
                let user = try UserRecord
                    .filter(Column("domainId") == domain.id && Column("name") == userName)
                    .fetchOne(db)
            else { return nil }
            return (user, domain)
        }
    }

    /// The project of `domainID` with this id or name (whichever is given).
    func project(id: String?, name: String?, domainID: String) async throws -> ProjectRecord? {
        try await writer.read { db in
            var request = ProjectRecord.filter(Column("domainId") == domainID)
            if let id { request = request.filter(Column("id") == id) }
            if let name { request = request.filter(Column("name") == name) }
            return try request.fetchOne(db)
        }
    }

    /// The projects of a domain, optionally only the one with this name, ordered by name.
    func projects(domainID: String, name: String?) async throws -> [ProjectRecord] {
        try await writer.read { db in
            var request = ProjectRecord.filter(Column("domainId") == domainID)
            if let name { request = request.filter(Column("name") == name) }
            return try request.order(Column("name")).fetchAll(db)
        }
    }

    /// Stores a newly issued token.
    func insertToken(_ token: TokenRecord) async throws {
        try await writer.write { db in try token.insert(db) }
    }

    /// The token with this value, with its user and project, whether or not it has expired.
    ///
    /// Answers from memory while the store's write version is unchanged since the token was last read.
    func token(_ value: String) async throws -> (TokenRecord, UserRecord, ProjectRecord)? {
        guard caches.isEnabled else { return try await tokenRecords(value) }
        let version = caches.version.current
        if let hit = caches.tokens.value(for: value, version: version) {
            return (hit.token, hit.user, hit.project)
        }
        let found = try await tokenRecords(value)
        if let (token, user, project) = found {
            caches.tokens.store(TokenGrantRecords(token: token, user: user, project: project), for: value, version: version)
        }
        return found
    }

    private func tokenRecords(_ value: String) async throws -> (TokenRecord, UserRecord, ProjectRecord)? {
        try await writer.read { db in
            // Every authenticated request runs these: cached statements skip SQL generation and compilation.
            guard let token = try TokenRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM token WHERE token = ?"), arguments: [value]),
                let user = try UserRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [token.userId]),
                let project = try ProjectRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM project WHERE id = ?"), arguments: [token.projectId])
            else { return nil }
            return (token, user, project)
        }
    }
}
