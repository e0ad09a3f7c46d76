import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Vault routes")
struct VaultControllerTests {
    @Test("create returns the seed-shaped vault")
    func createVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            // When
            let response = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults", token: token, json: EmulatorTestClient.vaultBody()
            )
            // Then
            #expect(response.status == .ok)
            let vault = response.dictionary("vault")
            #expect(vault["name"] as? String == "my_vault")
            #expect(vault["project_id"] as? String == Seeded.project)
            #expect(vault["provider_id"] as? String == "0daac4c5-6707-4851-97ba-169e36266b66")
            #expect(vault["created_at"] as? String == "2020-08-17T03:51:24.678916")
            #expect(vault["enterprise_project_id"] as? String == "0")
            #expect(vault["description"] is NSNull)
            #expect((vault["resources"] as? [Any])?.isEmpty == true)
            let billing = response.dictionary("vault", "billing")
            #expect(billing["size"] as? Int == 200)
            #expect(billing["used"] as? Int == 0)
            #expect(billing["allocated"] as? Int == 0)
            #expect(billing["status"] as? String == "available")
            #expect(billing["spec_code"] as? String == "vault.backup.server.normal")
            #expect(billing["charging_mode"] as? String == "post_paid")
            #expect(billing["order_id"] is NSNull)
        }
    }

    @Test("vault size must be 10...10485760 GB", arguments: [9, 0, -5, 10_485_761])
    func invalidSize(size: Int) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults", token: token, json: EmulatorTestClient.vaultBody(size: size)
            )
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.6101")
        }
    }

    @Test("the boundary sizes are accepted", arguments: [10, 10_485_760])
    func boundarySize(size: Int) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults", token: token, json: EmulatorTestClient.vaultBody(size: size)
            )
            #expect(response.status == .ok)
        }
    }

    @Test(
        "malformed create bodies are 9900 naming the field",
        arguments: [
            ("not json", "not valid JSON"),
            (#"{"vault": {"name": "v", "resources": []}}"#, "vault.billing"),
            (EmulatorTestClient.vaultBody().replacingOccurrences(of: "\"size\": 200", with: "\"size\": \"200\""),
             "vault.billing.size"),
            (EmulatorTestClient.vaultBody(objectType: "tape"), "object_type"),
            (EmulatorTestClient.vaultBody(name: String(repeating: "n", count: 65)), "vault.name"),
        ]
    )
    func malformedCreate(body: String, mentions: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(.post, "/v3/\(Seeded.project)/vaults", token: token, json: body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.9900")
            #expect((response["error_msg"] as? String)?.contains(mentions) == true)
        }
    }

    @Test("list filters by name, object_type and repeated id, pages with limit/offset, in creation order")
    func listVaults() async throws {
        try await EmulatorTestClient.run { emulator in
            // Given
            let token = try await emulator.token()
            let first = try await emulator.createVault(name: "alpha", token: token)
            let second = try await emulator.createVault(name: "beta", token: token)
            let third = try await emulator.createVault(name: "gamma", objectType: "disk", token: token)
            let base = "/v3/\(Seeded.project)/vaults"
            // When
            let all = try await emulator.send(.get, base, token: token)
            let byName = try await emulator.send(.get, "\(base)?name=beta", token: token)
            let byType = try await emulator.send(.get, "\(base)?object_type=disk", token: token)
            let byIDs = try await emulator.send(.get, "\(base)?id=\(first)&id=\(third)", token: token)
            let page = try await emulator.send(.get, "\(base)?limit=1&offset=1", token: token)
            let badLimit = try await emulator.send(.get, "\(base)?limit=0", token: token)
            // Then
            func ids(_ response: JSONResponse) -> [String] {
                (response["vaults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(ids(all) == [first, second, third])
            #expect(all["count"] as? Int == 3)
            #expect(all["limit"] as? Int == 1000)
            #expect(all["offset"] as? Int == 0)
            #expect(ids(byName) == [second])
            #expect(ids(byType) == [third])
            #expect(ids(byIDs) == [first, third])
            #expect(ids(page) == [second])
            #expect(page["count"] as? Int == 3)
            #expect(badLimit.errorCode == "BackupService.9900")
        }
    }

    @Test(
        "a filter matching no vault is an empty 200, whatever the other filters",
        arguments: ["resource_ids=\(Seeded.secondServer)", "policy_id=no-such-policy",
                    "name=alpha&resource_ids=\(Seeded.secondServer)&limit=5&offset=0",
                    "object_type=server&policy_id=no-such-policy&limit=1"]
    )
    func filterMatchingNothing(query: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            _ = try await emulator.vault(servers: [Seeded.server], token: token)
            let response = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults?\(query)", token: token)
            #expect(response.status == .ok)
            #expect(response["count"] as? Int == 0)
            #expect((response["vaults"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("show returns the vault; an unknown id is 404 6105")
    func showVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let id = try await emulator.createVault(token: token)
            let found = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(id)", token: token)
            let missing = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/nope", token: token)
            #expect(found.dictionary("vault")["id"] as? String == id)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "BackupService.6105")
            #expect(missing["error_msg"] as? String == "The vault does not exist.")
        }
    }

    @Test("another account sees neither the vault nor the list entry")
    func isolation() async throws {
        try await EmulatorTestClient.run { emulator in
            let demo = try await emulator.token()
            let other = try await emulator.token(.other)
            let id = try await emulator.createVault(token: demo)
            let show = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/vaults/\(id)", token: other)
            let list = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/vaults", token: other)
            #expect(show.errorCode == "BackupService.6105")
            #expect(list["count"] as? Int == 0)
        }
    }
}
