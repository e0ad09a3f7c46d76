import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Vault tag routes")
struct VaultTagControllerTests {
    static func tags(_ vault: String) -> String { "/v3/\(Seeded.project)/vault/\(vault)/tags" }

    static func list(_ emulator: EmulatorTestClient, _ vault: String, token: String) async throws -> [String: String] {
        let response = try await emulator.send(.get, tags(vault), token: token)
        #expect(response.status == .ok)
        let pairs = (response["tags"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? String ?? "") }
        return Dictionary(pairs, uniquingKeysWith: { $1 })
    }

    @Test("create (204, same key overwrites, trimmed), list, delete (204, then 6601), batch action, project tags")
    func lifecycle() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let created = try await emulator.send(.post, Self.tags(vault), token: token, json: #"{"tag": {"key": " env ", "value": "dev"}}"#)
            #expect(created.status == .noContent)
            _ = try await emulator.send(.post, Self.tags(vault), token: token, json: #"{"tag": {"key": "env", "value": "prod"}}"#)
            #expect(try await Self.list(emulator, vault, token: token) == ["env": "prod"])
            let shown = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            #expect((shown.dictionary("vault")["tags"] as? [[String: String]]) == [["key": "env", "value": "prod"]])

            let batch = #"{"action": "create", "tags": [{"key": "team", "value": "a"}, {"key": "tier", "value": "1"}]}"#
            #expect(try await emulator.send(.post, "\(Self.tags(vault))/action", token: token, json: batch).status == .noContent)
            let removal = #"{"action": "delete", "tags": [{"key": "tier"}, {"key": "absent"}]}"#
            #expect(try await emulator.send(.post, "\(Self.tags(vault))/action", token: token, json: removal).status == .noContent)
            #expect(try await Self.list(emulator, vault, token: token) == ["env": "prod", "team": "a"])

            #expect(try await emulator.send(.delete, "\(Self.tags(vault))/team", token: token).status == .noContent)
            let missing = try await emulator.send(.delete, "\(Self.tags(vault))/team", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "BackupService.6601")

            let second = try await emulator.createVault(name: "second", token: token)
            _ = try await emulator.send(.post, Self.tags(second), token: token, json: #"{"tag": {"key": "env", "value": "dev"}}"#)
            let project = try await emulator.send(.get, "/v3/\(Seeded.project)/vault/tags", token: token)
            let entries = project["tags"] as? [[String: Any]] ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["key"] as? String == "env")
            #expect(entries.first?["values"] as? [String] == ["dev", "prod"])
        }
    }

    @Test("bad keys and values, bad actions, unknown vaults and the 20-tag limit are refused")
    func errors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let long = String(repeating: "k", count: 37)
            for tag in [#"{"key": "", "value": "x"}"#, #"{"key": "\#(long)", "value": "x"}"#, #"{"key": "a=b", "value": "x"}"#,
                        #"{"key": "k", "value": "a/b"}"#, #"{"key": "k", "value": "\#(String(repeating: "v", count: 44))"}"#] {
                let bad = try await emulator.send(.post, Self.tags(vault), token: token, json: #"{"tag": \#(tag)}"#)
                #expect(bad.errorCode == "BackupService.9900")
            }
            let action = try await emulator.send(
                .post, "\(Self.tags(vault))/action", token: token, json: #"{"action": "update", "tags": []}"#
            )
            #expect(action.errorCode == "BackupService.9900")
            let unknown = try await emulator.send(.get, Self.tags("nope"), token: token)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "BackupService.9900")
            let many = (1...21).map { #"{"key": "k\#($0)", "value": "v"}"# }.joined(separator: ", ")
            let tooMany = try await emulator.send(
                .post, "\(Self.tags(vault))/action", token: token, json: #"{"action": "create", "tags": [\#(many)]}"#
            )
            #expect(tooMany.errorCode == "BackupService.6600")
            #expect(try await Self.list(emulator, vault, token: token).isEmpty)
        }
    }

    @Test("tags given at vault create are stored")
    func createWithTags() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let body = """
                {"vault": {"billing": {"consistent_level": "crash_consistent", "object_type": "server", \
                "protect_type": "backup", "size": 40}, "name": "tagged", "resources": [], \
                "tags": [{"key": "owner", "value": "ops"}]}}
                """
            let created = try await emulator.send(.post, "/v3/\(Seeded.project)/vaults", token: token, json: body)
            #expect(created.status == .ok)
            #expect((created.dictionary("vault")["tags"] as? [[String: String]]) == [["key": "owner", "value": "ops"]])
            let id = try #require(created.dictionary("vault")["id"] as? String)
            #expect(try await Self.list(emulator, id, token: token) == ["owner": "ops"])
        }
    }
}

@Suite("Vaults found by tags (show_vault_resource_instances)")
struct VaultInstancesTests {
    static let path = "/v3/\(Seeded.project)/vault/resource_instances/action"

    /// The names of the vaults a filter body selects, and the total count.
    static func names(_ emulator: EmulatorTestClient, _ body: String, token: String) async throws -> ([String], Int?) {
        let response = try await emulator.send(.post, path, token: token, json: body)
        #expect(response.status == .ok, "\(body)")
        let resources = response["resources"] as? [[String: Any]] ?? []
        return (resources.compactMap { $0["resource_name"] as? String }, response["total_count"] as? Int)
    }

    @Test("tags, tags_any, not_tags, not_tags_any, without_any_tag, matches, count and paging")
    func filters() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            for (name, tags) in [("prod_db", #"[{"key": "env", "value": "prod"}, {"key": "app", "value": "db"}]"#),
                                 ("test_db", #"[{"key": "env", "value": "test"}, {"key": "app", "value": "db"}]"#),
                                 ("prod_web", #"[{"key": "env", "value": "prod"}]"#), ("bare", nil)] {
                let extra = tags.map { #", "tags": \#($0)"# } ?? ""
                let created = try await emulator.send(
                    .post, "/v3/\(Seeded.project)/vaults", token: token,
                    json: VaultValidationTests.body(name: name, extra: extra)
                )
                #expect(created.status == .ok)
            }
            let cases: [(String, [String])] = [
                (#"{"action": "filter", "tags": [{"key": "env", "values": ["prod"]}]}"#, ["prod_db", "prod_web"]),
                (#"{"action": "filter", "tags": [{"key": "env", "values": []}, {"key": "app", "values": ["db"]}]}"#,
                 ["prod_db", "test_db"]),
                (#"{"action": "filter", "tags_any": [{"key": "app", "values": []}, {"key": "env", "values": ["prod"]}]}"#,
                 ["prod_db", "test_db", "prod_web"]),
                (#"{"action": "filter", "not_tags_any": [{"key": "app", "values": []}]}"#, ["prod_web", "bare"]),
                (#"{"action": "filter", "not_tags": [{"key": "env", "values": ["prod"]}, {"key": "app", "values": []}]}"#,
                 ["test_db", "prod_web", "bare"]),
                (#"{"action": "filter", "without_any_tag": true}"#, ["bare"]),
                (#"{"action": "filter", "matches": [{"key": "resource_name", "value": "_db"}]}"#, ["prod_db", "test_db"]),
                (#"{"action": "filter", "limit": "2", "offset": "1"}"#, ["test_db", "prod_web"]),
            ]
            for (body, expected) in cases {
                #expect(try await Self.names(emulator, body, token: token).0 == expected, "\(body)")
            }
            let counted = try await emulator.send(
                .post, Self.path, token: token, json: #"{"action": "count", "tags": [{"key": "env", "values": []}]}"#
            )
            #expect(counted["total_count"] as? Int == 3)
            #expect(counted["resources"] == nil)
            let page = try await emulator.send(.post, Self.path, token: token, json: #"{"action": "filter", "limit": 1}"#)
            #expect(page["total_count"] as? Int == 4)
            let detail = (page["resources"] as? [[String: Any]])?.first?["resource_detail"] as? [String: Any]
            #expect((detail?["vault"] as? [String: Any])?["name"] as? String == "prod_db")
            for bad in [#"{"action": "list"}"#, #"{"action": "filter", "tags": []}"#,
                        #"{"action": "filter", "limit": "0"}"#,
                        #"{"action": "filter", "matches": [{"key": "name", "value": "x"}]}"#] {
                let refused = try await emulator.send(.post, Self.path, token: token, json: bad)
                #expect(refused.errorCode == "BackupService.9900", "\(bad)")
            }
        }
    }
}
