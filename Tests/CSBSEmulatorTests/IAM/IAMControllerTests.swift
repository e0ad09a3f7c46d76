import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("IAM routes")
struct IAMControllerTests {
    @Test("a password token is 201 with X-Subject-Token and a 24 h expiry from the injected clock")
    func issuesToken() async throws {
        try await EmulatorTestClient.run { emulator in
            // When
            let response = try await emulator.send(
                .post, "/v3/auth/tokens?nocatalog=true", json: EmulatorTestClient.tokenBody(.demo)
            )
            // Then
            #expect(response.status == .created)
            let token = try #require(response.headers[HTTPField.Name("X-Subject-Token")!])
            #expect(token.hasPrefix("MII"))
            #expect(token.count >= 64)
            let body = response.dictionary("token")
            #expect(body["issued_at"] as? String == "2020-08-17T03:51:24.678916Z")
            #expect(body["expires_at"] as? String == "2020-08-18T03:51:24.678916Z")
            #expect(body["methods"] as? [String] == ["password"])
            let project = response.dictionary("token", "project")
            #expect(project["id"] as? String == EmulatorAccount.demo.projectID)
            #expect(project["name"] as? String == "cn-north-4")
            #expect(response.dictionary("token", "user")["name"] as? String == "demo")
        }
    }

    /// OpenStack-ecosystem clients (openstacksdk with otcextensions) find CBR by the token's catalog and read
    /// Keystone's version document first; `?nocatalog=true` (csbs, the Huawei SDK) leaves the catalog empty.
    @Test("the token's catalog names CBR, CSBS and IAM with this emulator's URLs; GET /v3 is the version document")
    func catalogAndVersionDiscovery() async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: EmulatorTestClient.tokenBody(.demo))
            let catalog = try #require(response.dictionary("token")["catalog"] as? [[String: Any]])
            let urls = Dictionary(uniqueKeysWithValues: catalog.compactMap { service -> (String, String)? in
                guard let type = service["type"] as? String, let endpoint = (service["endpoints"] as? [[String: Any]])?.first,
                    endpoint["interface"] as? String == "public", endpoint["region"] as? String == "cn-north-4",
                    let url = endpoint["url"] as? String
                else { return nil }
                return (type, url)
            })
            let project = EmulatorAccount.demo.projectID
            #expect(urls["cbr"]?.hasSuffix("/v3/\(project)") == true, "\(urls)")
            #expect(urls["data-protect"]?.hasSuffix("/v1/\(project)") == true, "\(urls)")
            #expect(urls["identity"]?.hasSuffix("/v3") == true, "\(urls)")
            #expect(urls.values.allSatisfy { $0.hasPrefix("http://") }, "a URL has its scheme: \(urls)")
            let quiet = try await emulator.send(.post, "/v3/auth/tokens?nocatalog=true", json: EmulatorTestClient.tokenBody(.demo))
            #expect((quiet.dictionary("token")["catalog"] as? [Any])?.isEmpty == true)
            let version = try await emulator.send(.get, "/v3")
            #expect(version.status == .ok)
            #expect(version.dictionary("version")["id"] as? String == "v3.0")
            #expect(version.dictionary("version")["media-types"] != nil)
        }
    }

    @Test("GET /v3/auth/tokens validates a token for a caller with one; GET /v3/auth/projects lists the account's")
    func tokenValidationAndAuthProjects() async throws {
        try await EmulatorTestClient.run { emulator in
            let issued = try await emulator.send(.post, "/v3/auth/tokens?nocatalog=true", json: EmulatorTestClient.tokenBody(.demo))
            let token = try #require(issued.headers[HTTPField.Name("X-Subject-Token")!])
            let subject = HTTPField.Name("X-Subject-Token")!
            let auth = HTTPField.Name("X-Auth-Token")!
            let valid = try await emulator.send(.get, "/v3/auth/tokens", headers: [auth: token, subject: token])
            #expect(valid.status == .ok)
            #expect(valid.dictionary("token", "project")["id"] as? String == EmulatorAccount.demo.projectID)
            #expect(valid.headers[subject] == token)
            let unknown = try await emulator.send(.get, "/v3/auth/tokens", headers: [auth: token, subject: "MIInope"])
            #expect(unknown.status == .notFound)
            let anonymous = try await emulator.send(.get, "/v3/auth/tokens", headers: [subject: token])
            #expect(anonymous.status == .unauthorized)
            let projects = try await emulator.send(.get, "/v3/auth/projects", headers: [auth: token])
            #expect(projects.status == .ok)
            let names = (projects["projects"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names?.contains("cn-north-4") == true, "\(String(describing: names))")
        }
    }

    @Test("a project scope by id works too")
    func scopeByID() async throws {
        try await EmulatorTestClient.run { emulator in
            let body = EmulatorTestClient.tokenBody(.demo)
                .replacingOccurrences(of: #""name": "cn-north-4""#, with: #""id": "\#(Seeded.project)""#)
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: body)
            #expect(response.status == .created)
            #expect(response.dictionary("token", "project")["name"] as? String == "cn-north-4")
        }
    }

    @Test(
        "wrong password, user or domain is a keystone 401",
        arguments: [
            EmulatorTestClient.tokenBody(.demo, password: "wrong"),
            EmulatorTestClient.tokenBody(EmulatorAccount(
                domainName: "csbs-demo", userName: "nobody", password: "x", projectName: "cn-north-4", projectID: ""
            )),
            EmulatorTestClient.tokenBody(EmulatorAccount(
                domainName: "no-such-domain", userName: "demo", password: EmulatorAccount.demo.password,
                projectName: "cn-north-4", projectID: ""
            )),
        ]
    )
    func wrongCredentials(body: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: body)
            #expect(response.status == .unauthorized)
            let error = response.dictionary("error")
            #expect(error["code"] as? Int == 401)
            #expect(error["message"] as? String == "The username or password is wrong.")
            #expect(error["title"] as? String == "Unauthorized")
            #expect(response.headers[HTTPField.Name("X-Subject-Token")!] == nil)
        }
    }

    @Test("a malformed body is a keystone 400", arguments: ["not json", #"{"auth": {}}"#, "{}"])
    func malformedBody(body: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: body)
            #expect(response.status == .badRequest)
            #expect(response.dictionary("error")["message"] as? String == "The request body is invalid")
            #expect(response.dictionary("error")["code"] as? Int == 400)
        }
    }

    @Test("a project of another domain cannot be the scope")
    func unknownProject() async throws {
        try await EmulatorTestClient.run { emulator in
            let body = EmulatorTestClient.tokenBody(.demo).replacingOccurrences(of: "cn-north-4", with: "cn-south-1")
            let response = try await emulator.send(.post, "/v3/auth/tokens", json: body)
            #expect(response.status == .badRequest)
            #expect(response.dictionary("error")["code"] as? Int == 400)
        }
    }

    @Test("GET /v3/projects?name= finds the project of the token's domain only")
    func projectLookup() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            // When
            let found = try await emulator.send(.get, "/v3/projects?name=cn-north-4", token: token)
            let foreign = try await emulator.send(.get, "/v3/projects?name=cn-south-1", token: token)
            let anonymous = try await emulator.send(.get, "/v3/projects?name=cn-north-4")
            // Then
            #expect(found.status == .ok)
            let projects = try #require(found["projects"] as? [[String: Any]])
            #expect(projects.count == 1)
            #expect(projects.first?["id"] as? String == Seeded.project)
            #expect(projects.first?["enabled"] as? Bool == true)
            #expect(projects.first?["is_domain"] as? Bool == false)
            #expect((foreign["projects"] as? [Any])?.isEmpty == true)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
