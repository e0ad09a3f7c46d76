import GRDB

extension EmulatorStore {
    /// The user named `userName` in the domain named `domainName`, if both exist.
    private static func user(
        named userName: String,
        inDomainNamed domainName: String,
        in db: Database
    ) throws -> (UserRecord, DomainRecord)? {
        guard let domain = try DomainRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM domain WHERE name = ? LIMIT 1"), arguments: [domainName]),
            let user = try UserRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM user WHERE domainId = ? AND name = ? LIMIT 1"),
                arguments: [domain.id, userName])
        else { return nil }
        return (user, domain)
    }

    /// Checks a password token request and stores the token it earns, in one write. The token's value is drawn
    /// from `identifiers` only once the credentials and the scope check out.
    /// - Parameters:
    ///   - issuedAt: The issue time (microseconds since 1970).
    ///   - lifetime: How long the token is valid (microseconds).
    ///   - userName: The user's name, in the domain named `domainName`.
    ///   - password: The password to check (compared only, never kept or reported).
    ///   - scope: The project or account the token is asked for.
    ///   - identifiers: The source of the token's value.
    /// - Returns: The stored token with its user, domain and scope.
    /// - Throws: ``EmulatorError/wrongCredentials`` for an unknown user or a wrong password, then a keystone 400
    ///   when the scope's project is not in the user's domain, a keystone 401 when the scope's account is not the
    ///   user's.
    func issueToken(
        issuedAt: Int64,
        lifetime: Int64,
        userName: String,
        domainName: String,
        password: String,
        scope: TokenScope.Request,
        identifiers: IdentifierSource
    ) async throws -> (token: TokenRecord, user: UserRecord, domain: DomainRecord, scope: TokenScope) {
        try await writeState { db in
            guard let (user, domain) = try Self.user(named: userName, inDomainNamed: domainName, in: db),
                user.password == password
            else { throw EmulatorError.wrongCredentials }
            let granted: TokenScope
            switch scope {
            case .project(let id, let name):
                guard let project = try Self.project(id: id, name: name, domainID: domain.id, in: db) else {
                    throw EmulatorError.keystoneBadRequest("The project in the scope does not exist.")
                }
                granted = .project(project)
            case .domain(let id, let name):
                guard id ?? domain.id == domain.id, name ?? domain.name == domain.name else {
                    throw EmulatorError.keystoneForeignDomain
                }
                granted = .domain(domain)
            }
            let issued = TokenRecord(
                token: identifiers.token(), userId: user.id, projectId: granted.project?.id,
                domainId: granted.project == nil ? domain.id : nil, issuedAt: issuedAt, expiresAt: issuedAt + lifetime
            )
            try issued.insert(db)
            return (issued, user, domain, granted)
        }
    }

    /// The project of `domainID` with this id or name (whichever is given; both must match when both are).
    func project(id: String?, name: String?, domainID: String) async throws -> ProjectRecord? {
        try await readState { db in try Self.project(id: id, name: name, domainID: domainID, in: db) }
    }

    private static func project(id: String?, name: String?, domainID: String, in db: Database) throws -> ProjectRecord? {
        // Every signed request runs this: cached statements skip SQL generation and compilation.
        switch (id, name) {
        case let (id?, name?):
            try ProjectRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM project WHERE domainId = ? AND id = ? AND name = ? LIMIT 1"),
                arguments: [domainID, id, name])
        case let (id?, nil):
            try ProjectRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM project WHERE domainId = ? AND id = ? LIMIT 1"),
                arguments: [domainID, id])
        case let (nil, name?):
            try ProjectRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM project WHERE domainId = ? AND name = ? LIMIT 1"),
                arguments: [domainID, name])
        case (nil, nil):
            try ProjectRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM project WHERE domainId = ? LIMIT 1"), arguments: [domainID])
        }
    }

    /// The projects of the account (domain) named `domainName`, ordered by name; none for an unknown name.
    func projects(domainName: String) async throws -> [ProjectRecord] {
        try await readState { db in
            guard let domain = try DomainRecord.filter(Column("name") == domainName).fetchOne(db) else { return [] }
            return try ProjectRecord.filter(Column("domainId") == domain.id).order(Column("name")).fetchAll(db)
        }
    }

    /// A project with its account (domain), if the emulator has the project.
    func projectAndDomain(projectID: String) async throws -> (project: ProjectRecord, domain: DomainRecord)? {
        try await readState { db in
            guard let project = try ProjectRecord.fetchOne(db, key: projectID),
                let domain = try DomainRecord.fetchOne(db, key: project.domainId)
            else { return nil }
            return (project, domain)
        }
    }

    /// The account (domain) with this id, if the emulator has it.
    func domain(id: String) async throws -> DomainRecord? {
        try await readState { db in try DomainRecord.fetchOne(db, key: id) }
    }

    /// The projects of a domain, optionally only the one with this name, ordered by name.
    func projects(domainID: String, name: String?) async throws -> [ProjectRecord] {
        try await readState { db in
            var request = ProjectRecord.filter(Column("domainId") == domainID)
            if let name { request = request.filter(Column("name") == name) }
            return try request.order(Column("name")).fetchAll(db)
        }
    }

    /// The token with this value, with its user and scope, whether or not it has expired.
    ///
    /// Answers from memory while the store's write version is unchanged since the token was last read.
    func token(_ value: String) async throws -> TokenGrantRecords? {
        guard caches.isEnabled else { return try await tokenRecords(value) }
        let version = caches.version.current
        if let hit = caches.tokens.value(for: value, version: version) { return hit }
        let found = try await tokenRecords(value)
        if let found { caches.tokens.store(found, for: value, version: version) }
        return found
    }

    private func tokenRecords(_ value: String) async throws -> TokenGrantRecords? {
        try await readState { db in
            // Every authenticated request runs these: cached statements skip SQL generation and compilation.
            guard let token = try TokenRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM token WHERE token = ?"), arguments: [value]),
                let user = try UserRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [token.userId])
            else { return nil }
            let scope: TokenScope
            if let projectID = token.projectId {
                guard let project = try ProjectRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM project WHERE id = ?"), arguments: [projectID])
                else { return nil }
                scope = .project(project)
            } else {
                guard let domain = try DomainRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM domain WHERE id = ?"), arguments: [token.domainId])
                else { return nil }
                scope = .domain(domain)
            }
            return TokenGrantRecords(token: token, user: user, scope: scope)
        }
    }
}
