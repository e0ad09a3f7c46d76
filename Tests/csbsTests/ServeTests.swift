import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("csbs serve")
struct ServeTests {
    @Test func printsExportLinesForTheDemoAccountAndServesIAM() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let serve = try await ServeProcess.start(runner, ["--memory", "--port", "0"])
        let settings = serve.settings
        for name in ["CSBS_ENDPOINT", "OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_USER_DOMAIN_NAME", "OS_PROJECT_NAME", "OS_PROJECT_ID"] {
            #expect(settings[name]?.isEmpty == false, "\(name) is printed")
        }
        let endpoint = try #require(settings["CSBS_ENDPOINT"])
        #expect(endpoint.hasPrefix("http://127.0.0.1:"))

        let body = """
            {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"\(settings["OS_USERNAME"]!)",\
            "password":"\(settings["OS_PASSWORD"]!)","domain":{"name":"\(settings["OS_USER_DOMAIN_NAME"]!)"}}}},\
            "scope":{"project":{"name":"\(settings["OS_PROJECT_NAME"]!)"}}}}
            """
        var request = URLRequest(url: URL(string: endpoint + "/v3/auth/tokens")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 201)
        #expect(http.value(forHTTPHeaderField: "X-Subject-Token")?.hasPrefix("MII") == true)
    }
}

@Suite("Private state files")
struct PrivateStateFileTests {
    @Test func serveCreatesItsDatabaseAndJournalReadableByTheOwnerOnly() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let database = runner.home + "/fresh/state.sqlite"
        let serve = try await ServeProcess.start(runner, ["--db", database, "--port", "0"])
        defer { serve.stop() }
        // A token issued, so that the database and its journal hold a secret.
        _ = try await URLSession.shared.data(from: URL(string: serve.endpoint + "/v3/projects")!)
        for file in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let directory = try FileManager.default.attributesOfItem(atPath: runner.home + "/fresh")[.posixPermissions] as? Int
        #expect(directory == 0o700)
    }

    @Test func anExistingDatabaseOpenToOthersIsMadePrivate() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let database = runner.home + "/open.sqlite"
        #expect(FileManager.default.createFile(atPath: database, contents: nil, attributes: [.posixPermissions: 0o644]))
        let serve = try await ServeProcess.start(runner, ["--db", database, "--port", "0"])
        defer { serve.stop() }
        #expect(try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int == 0o600)
    }
}
