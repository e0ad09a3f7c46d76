import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Account-level lookups: region projects, an account's projects, a project's account")
struct TenantControllerTests {
    @Test("the caller's projects, another account's projects by name, a project's account; unknown ones")
    func lookups() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let region = try await emulator.send(.get, "/v3/region-projects", token: token)
            #expect(region.status == .ok)
            let projects = region["projects"] as? [[String: Any]] ?? []
            #expect(projects.map { $0["id"] as? String } == [Seeded.project])
            #expect(projects.first?["name"] as? String == EmulatorAccount.demo.projectName)
            #expect((region["links"] as? [String: Any])?["self"] as? String != nil)

            let other = try await emulator.send(.get, "/v3/domain/\(EmulatorAccount.other.domainName)/projects", token: token)
            #expect((other["projects"] as? [[String: Any]])?.map { $0["project_id"] as? String } == [Seeded.otherProject])
            let nobody = try await emulator.send(.get, "/v3/domain/no-such-account/projects", token: token)
            #expect((nobody["projects"] as? [[String: Any]])?.isEmpty == true)

            let domain = try await emulator.send(.get, "/v3/domain/\(Seeded.otherProject)", token: token)
            #expect(domain["domain_name"] as? String == EmulatorAccount.other.domainName)
            #expect(domain["project_name"] as? String == EmulatorAccount.other.projectName)
            let unknown = try await emulator.send(.get, "/v3/domain/0123456789abcdef0123456789abcdef", token: token)
            #expect(unknown.errorCode == "BackupService.9900")

            let anonymous = try await emulator.send(.get, "/v3/region-projects")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "APIGW.0301")
            // IAM's own routes in /v3 stay outside this authentication.
            let iam = try await emulator.send(.post, "/v3/auth/tokens?nocatalog=true", json: EmulatorTestClient.tokenBody(.demo))
            #expect(iam.status == .created)
        }
    }
}
