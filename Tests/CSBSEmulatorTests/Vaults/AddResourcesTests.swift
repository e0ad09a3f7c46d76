import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("POST /vaults/{id}/addresources")
struct AddResourcesTests {
    @Test("adding the seed server lists it in the vault with integer sizes")
    func addsServer() async throws {
        try await EmulatorTestClient.run { emulator in
            // Given
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            // When
            let response = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType)], vault: vault, token: token
            )
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            // Then
            #expect(response.status == .ok)
            #expect(response["add_resource_ids"] as? [String] == [Seeded.server])
            let resources = try #require(shown.dictionary("vault")["resources"] as? [[String: Any]])
            let resource = try #require(resources.first)
            #expect(resources.count == 1)
            #expect(resource["id"] as? String == Seeded.server)
            #expect(resource["name"] as? String == "ecs-9f93-0002")
            #expect(resource["type"] as? String == Seeded.serverType)
            #expect(resource["protect_status"] as? String == "available")
            #expect(resource["size"] as? Int == 140)
            #expect(resource["backup_size"] as? Int == 0)
            #expect(resource["backup_count"] as? Int == 0)
            #expect(resource["extra_info"] is [String: Any])
        }
    }

    @Test("an unknown vault is 404 6105")
    func unknownVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType)], vault: "nope", token: token
            )
            #expect(response.status == .notFound)
            #expect(response.errorCode == "BackupService.6105")
        }
    }

    @Test("an unknown resource, or another project's, is 404 6302", arguments: [
        "00000000-0000-0000-0000-000000000000", Seeded.otherProjectServer,
    ])
    func unknownResource(id: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let response = try await emulator.addResources([(id, Seeded.serverType)], vault: vault, token: token)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "BackupService.6302")
        }
    }

    @Test("a disk in a server vault is 400 6102")
    func typeMismatch() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let response = try await emulator.addResources(
                [(Seeded.systemDisk, Seeded.volumeType)], vault: vault, token: token
            )
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.6102")
        }
    }

    @Test("the same id twice in one request is 400 6104")
    func duplicates() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let pair = (Seeded.server, Seeded.serverType)
            let response = try await emulator.addResources([pair, pair], vault: vault, token: token)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.6104")
        }
    }

    @Test("a resource already in this vault or another is 400 6103 naming that vault")
    func alreadyAssociated() async throws {
        try await EmulatorTestClient.run { emulator in
            // Given
            let token = try await emulator.token()
            let first = try await emulator.createVault(name: "first", token: token)
            let second = try await emulator.createVault(name: "second", token: token)
            let pair = (Seeded.server, Seeded.serverType)
            _ = try await emulator.addResources([pair], vault: first, token: token)
            // When
            let again = try await emulator.addResources([pair], vault: first, token: token)
            let elsewhere = try await emulator.addResources([pair], vault: second, token: token)
            // Then
            for response in [again, elsewhere] {
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "BackupService.6103")
                #expect((response["error_msg"] as? String)?.contains(first) == true)
            }
        }
    }

    @Test("a failed request adds nothing (all or nothing)")
    func atomic() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let response = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType), ("missing", Seeded.serverType)], vault: vault, token: token
            )
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            #expect(response.errorCode == "BackupService.6302")
            #expect((shown.dictionary("vault")["resources"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(
        "empty or invalid bodies are 400 9900",
        arguments: [
            "", "[]", #"{"resources": []}"#, #"{"resources": [{"id": "x"}]}"#,
            #"{"resources": [{"id": 1, "type": "OS::Nova::Server"}]}"#,
            #"{"resources": [{"id": "x", "type": "OS::Tape"}]}"#,
        ]
    )
    func invalidBody(body: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let response = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults/\(vault)/addresources", token: token, json: body
            )
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.9900")
        }
    }

    @Test("without a token, or with an unknown one, it is 401 APIGW.0301", arguments: [nil, "MIIunknown"])
    func unauthenticated(token: String?) async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType)], vault: "v", token: token
            )
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "APIGW.0301")
            #expect((response["request_id"] as? String)?.isEmpty == false)
            #expect(response["request_id"] as? String == response.headers[HTTPField.Name("X-Request-Id")!])
        }
    }

    @Test("a token of another project is 403")
    func crossProject() async throws {
        try await EmulatorTestClient.run { emulator in
            let demo = try await emulator.token()
            let other = try await emulator.token(.other)
            let vault = try await emulator.createVault(token: demo)
            let response = try await emulator.addResources(
                [(Seeded.server, Seeded.serverType)], vault: vault, token: other, project: Seeded.project
            )
            #expect(response.status == .forbidden)
            #expect(response.errorCode != nil)
            #expect(response["error_msg"] is String)
        }
    }

    @Test("an expired token is 401")
    func expiredToken() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            emulator.clock.advance(by: .seconds(24 * 3600))
            let response = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "APIGW.0301")
        }
    }
}
