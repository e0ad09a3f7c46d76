@testable import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import GRDB
import HTTPTypes
import Testing

@Suite("Domain-scoped IAM tokens")
struct DomainScopedTokenTests {
    static let subject = HTTPField.Name("X-Subject-Token")!

    /// A password token request of `account`'s user with `scope` (the `scope` object's JSON).
    static func body(_ account: EmulatorAccount = .demo, scope: String) -> String {
        """
        {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "\(account.userName)", \
        "password": "\(account.password)", "domain": {"name": "\(account.domainName)"}}}}, "scope": \(scope)}}
        """
    }

    /// Issues a token scoped to the demo account by name and returns its value.
    static func domainToken(_ emulator: EmulatorTestClient) async throws -> String {
        let response = try await emulator.send(
            .post, "/v3/auth/tokens?nocatalog=true", json: body(scope: #"{"domain": {"name": "csbs-demo"}}"#)
        )
        #expect(response.status == .created)
        return try #require(response.headers[subject])
    }

    @Test("scope.domain by name or id is 201: the body has domain instead of project, the catalog names IAM only")
    func issuesDomainToken() async throws {
        try await EmulatorTestClient.run { emulator in
            let byName = try await emulator.send(.post, "/v3/auth/tokens", json: Self.body(scope: #"{"domain": {"name": "csbs-demo"}}"#))
            #expect(byName.status == .created)
            #expect(byName.headers[Self.subject]?.hasPrefix("MII") == true)
            let token = byName.dictionary("token")
            #expect(token["project"] == nil)
            let domain = byName.dictionary("token", "domain")
            #expect(domain["name"] as? String == "csbs-demo")
            let domainID = try #require(domain["id"] as? String)
            #expect(byName.dictionary("token", "user", "domain")["id"] as? String == domainID)
            let catalog = token["catalog"] as? [[String: Any]] ?? []
            #expect(catalog.map { $0["type"] as? String } == ["identity"])
            let endpoints = catalog.first?["endpoints"] as? [[String: Any]] ?? []
            #expect(endpoints.map { $0["region"] as? String } == [EmulatorAccount.demo.projectName])

            let byID = try await emulator.send(
                .post, "/v3/auth/tokens?nocatalog=true", json: Self.body(scope: #"{"domain": {"id": "\#(domainID)"}}"#)
            )
            #expect(byID.status == .created)
            #expect(byID.dictionary("token", "domain")["name"] as? String == "csbs-demo")
            #expect((byID.dictionary("token")["catalog"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(
        "another account, an empty domain or both scopes are refused",
        arguments: [
            (#"{"domain": {"name": "csbs-other"}}"#, HTTPResponse.Status.unauthorized),
            (#"{"domain": {"id": "not-the-account"}}"#, .unauthorized),
            (#"{"domain": {}}"#, .badRequest),
            (#"{"domain": {"name": "csbs-demo"}, "project": {"name": "cn-north-4"}}"#, .badRequest),
            (#"{}"#, .badRequest),
        ]
    )
    func refusedScopes(scope: String, status: HTTPResponse.Status) async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: Self.body(scope: scope))
            #expect(response.status == status)
            #expect(response.dictionary("error")["code"] as? Int == status.code)
            #expect(response.headers[Self.subject] == nil)
        }
    }

    @Test("a domain-scoped token lists and validates as an account's token; CBR and CSBS paths refuse it with 403")
    func accountLevelCalls() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await Self.domainToken(emulator)
            let auth = HTTPField.Name("X-Auth-Token")!

            let valid = try await emulator.send(.get, "/v3/auth/tokens", headers: [auth: token, Self.subject: token])
            #expect(valid.status == .ok)
            #expect(valid.dictionary("token", "domain")["name"] as? String == "csbs-demo")
            #expect(valid.dictionary("token")["project"] == nil)
            let authProjects = try await emulator.send(.get, "/v3/auth/projects", token: token)
            #expect((authProjects["projects"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seeded.project])
            let projects = try await emulator.send(.get, "/v3/projects", token: token)
            #expect((projects["projects"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seeded.project])

            let region = try await emulator.send(.get, "/v3/region-projects", token: token)
            #expect(region.status == .ok)
            #expect((region["projects"] as? [[String: Any]])?.map { $0["id"] as? String } == [Seeded.project])
            let other = try await emulator.send(.get, "/v3/domain/\(EmulatorAccount.other.domainName)/projects", token: token)
            #expect((other["projects"] as? [[String: Any]])?.map { $0["project_id"] as? String } == [Seeded.otherProject])
            let domain = try await emulator.send(.get, "/v3/domain/\(Seeded.otherProject)", token: token)
            #expect(domain["domain_name"] as? String == EmulatorAccount.other.domainName)

            for path in ["/v3/\(Seeded.project)/vaults", "/v1/\(Seeded.project)/checkpoint_items"] {
                let refused = try await emulator.send(.get, path, token: token)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.errorCode == "IAM.0002", "\(path)")
            }
        }
    }

    @Test("tokens issued before domain scopes existed keep their project after the migration")
    func migrationKeepsProjectTokens() throws {
        let queue = try DatabaseQueue()
        try EmulatorMigrations.migrator.migrate(queue, upTo: "v12-organization-policies")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO domain VALUES ('d', 'domain');
                    INSERT INTO project VALUES ('p', 'project', 'd');
                    INSERT INTO user VALUES ('u', 'd', 'user', 'secret');
                    INSERT INTO token VALUES ('MIIold', 'u', 'p', 1, 2);
                    """
            )
        }
        try EmulatorMigrations.migrator.migrate(queue)
        let token = try queue.read { db in try TokenRecord.fetchOne(db, key: "MIIold") }
        #expect(token == TokenRecord(token: "MIIold", userId: "u", projectId: "p", domainId: nil, issuedAt: 1, expiresAt: 2))
        // A token names a project or an account, never both or neither.
        for (project, domain) in [("'p'", "'d'"), ("NULL", "NULL")] {
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO token VALUES ('MIIbad', 'u', \(project), \(domain), 1, 2)")
                }
            }
        }
    }
}
