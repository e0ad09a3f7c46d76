import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 backup policies")
struct CSBSPolicyTests {
    static let pattern = #"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"#

    static func body(name: String = "c2c-policy", server: String = Seeded.server, provider: String = CSBSPaths.provider,
                     pattern: String = pattern, maxBackups: Int = 20) -> String {
        """
        {"policy": {"name": "\(name)", "description": "My plan", "provider_id": "\(provider)", \
        "parameters": {"common": {}}, "tags": [{"key": "env", "value": "test"}], \
        "scheduled_operations": [{"name": "my-backup", "description": "weekly", "enabled": true, \
        "operation_type": "backup", "operation_definition": {"max_backups": \(maxBackups), "permanent": false}, \
        "trigger": {"properties": {"pattern": "\(pattern)"}}}], \
        "resources": [{"id": "\(server)", "type": "OS::Nova::Server", "name": "resource1"}]}}
        """
    }

    @Test("create, list, show, update and delete a policy, stored and never run")
    func lifecycle() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: Self.body())
            #expect(created.status == .ok)
            let policy = created.dictionary("policy")
            let id = try #require(policy["id"] as? String)
            #expect(policy["status"] as? String == "suspended")
            #expect(policy["provider_id"] as? String == CSBSPaths.provider)
            #expect(policy["project_id"] as? String == Seeded.project)
            #expect((policy["tags"] as? [[String: String]]) == [["key": "env", "value": "test"]])
            #expect((policy["resources"] as? [[String: String]])?.first?["id"] == Seeded.server)
            let operation = try #require((policy["scheduled_operations"] as? [[String: Any]])?.first)
            let operationID = try #require(operation["id"] as? String)
            #expect(operation["operation_type"] as? String == "backup")
            let definition = operation["operation_definition"] as? [String: Any]
            #expect(definition?["max_backups"] as? Int == 20)
            #expect(definition?["plan_id"] as? String == id)
            let trigger = operation["trigger"] as? [String: Any]
            #expect((trigger?["properties"] as? [String: Any])?["pattern"] as? String == Self.pattern.replacingOccurrences(of: #"\r\n"#, with: "\r\n"))
            #expect(trigger?["id"] as? String == operation["trigger_id"] as? String)

            let listed = try await emulator.send(.get, "\(CSBSPaths.base)/policies?name=c2c-policy", token: token)
            #expect((listed["policies"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let shown = try await emulator.send(.get, "\(CSBSPaths.base)/policies/\(id)", token: token)
            #expect(shown.dictionary("policy")["name"] as? String == "c2c-policy")

            let update = """
                {"policy": {"name": "renamed", "scheduled_operations": [{"id": "\(operationID)", "enabled": false, \
                "operation_definition": {"retention_duration_days": 7}}]}}
                """
            let updated = try await emulator.send(.put, "\(CSBSPaths.base)/policies/\(id)", token: token, json: update)
            #expect(updated.status == .ok)
            #expect(updated.dictionary("policy")["name"] as? String == "renamed")
            let changed = (updated.dictionary("policy")["scheduled_operations"] as? [[String: Any]])?.first
            #expect(changed?["enabled"] as? Bool == false)
            #expect((changed?["operation_definition"] as? [String: Any])?["retention_duration_days"] as? Int == 7)

            let deleted = try await emulator.send(.delete, "\(CSBSPaths.base)/policies/\(id)", token: token)
            #expect(deleted.status == .ok)
            let gone = try await emulator.send(.get, "\(CSBSPaths.base)/policies/\(id)", token: token)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "CSBS.3000")
        }
    }

    @Test(
        "bad fields are CSBS.9001, a foreign type 6003, an unknown server 6000",
        arguments: [
            (body(name: "a b"), "CSBS.9001"),
            (body(provider: "00000000-0000-4000-8000-000000000000"), "CSBS.9001"),
            (body(pattern: "FREQ=DAILY;BYHOUR=1;BYMINUTE=0"), "CSBS.9001"),
            (body(pattern: #"BEGIN:VCALENDAR\r\nRRULE:FREQ=HOURLY\r\nEND:VCALENDAR"#), "CSBS.9001"),
            (body(maxBackups: 0), "CSBS.9001"),
            (body(server: "00000000-0000-4000-8000-000000000000"), "CSBS.6000"),
            (body().replacingOccurrences(of: "OS::Nova::Server", with: "OS::Cinder::Volume"), "CSBS.6003"),
            (#"{"policy": {"name": "x"}}"#, "CSBS.9001"),
        ]
    )
    func invalid(body: String, code: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == code)
        }
    }

    @Test("a name is unique (9007), a server in one policy (6004); an unknown id is 3000, another project's too")
    func conflicts() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            #expect(try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: Self.body()).status == .ok)
            let twice = try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: Self.body())
            #expect(twice.errorCode == "CSBS.9007")
            let bound = try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: Self.body(name: "other"))
            #expect(bound.errorCode == "CSBS.6004")
            for method in [HTTPRequest.Method.get, .delete] {
                let unknown = try await emulator.send(method, "\(CSBSPaths.base)/policies/nope", token: token)
                #expect(unknown.errorCode == "CSBS.3000")
            }
            let other = try await emulator.token(.other)
            let foreign = try await emulator.send(.get, "/v1/\(Seeded.otherProject)/policies", token: other)
            #expect((foreign["policies"] as? [Any])?.isEmpty == true)
        }
    }
}

@Suite("CSBS v1 tags of backups and policies")
struct CSBSTagTests {
    @Test("a policy's tags: add, replace, batch create and delete, delete one (7001 when absent), project keys")
    func policyTags() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, "\(CSBSPaths.base)/policies", token: token, json: CSBSPolicyTests.body())
            let id = try #require(created.dictionary("policy")["id"] as? String)
            let tags = "\(CSBSPaths.base)/csbs_backup_policy/\(id)/tags"
            func current() async throws -> [String: String] {
                let listed = try await emulator.send(.get, tags, token: token)
                return Dictionary(uniqueKeysWithValues: (listed["tags"] as? [[String: String]] ?? []).compactMap { tag in
                    tag["key"].map { ($0, tag["value"] ?? "") }
                })
            }
            #expect(try await current() == ["env": "test"])
            let added = try await emulator.send(.post, tags, token: token, json: #"{"tag": {"key": "a b", "value": "1"}}"#)
            #expect(added.status == .noContent)
            _ = try await emulator.send(.post, tags, token: token, json: #"{"tag": {"key": "env", "value": "prod"}}"#)
            #expect(try await current() == ["env": "prod", "a b": "1"])
            let batch = #"{"action": "create", "tags": [{"key": "x", "value": "2"}, {"key": "y", "value": ""}]}"#
            #expect(try await emulator.send(.post, tags + "/action", token: token, json: batch).status == .noContent)
            let removal = #"{"action": "delete", "tags": [{"key": "x"}, {"key": "missing"}]}"#
            #expect(try await emulator.send(.post, tags + "/action", token: token, json: removal).status == .noContent)
            #expect(try await emulator.send(.delete, tags + "/a%20b", token: token).status == .noContent)
            #expect(try await current() == ["env": "prod", "y": ""])
            let absent = try await emulator.send(.delete, tags + "/a%20b", token: token)
            #expect(absent.status == .notFound)
            #expect(absent.errorCode == "CSBS.7001")
            let bad = try await emulator.send(.post, tags + "/action", token: token, json: #"{"action": "update", "tags": [{"key": "k"}]}"#)
            #expect(bad.errorCode == "CSBS.9001")
            let project = try await emulator.send(.get, "\(CSBSPaths.base)/csbs_backup_policy/tags", token: token)
            #expect((project["tags"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["env", "y"])
            let unknown = try await emulator.send(.get, "\(CSBSPaths.base)/csbs_backup_policy/nope/tags", token: token)
            #expect(unknown.errorCode == "CSBS.3000")
        }
    }

    @Test("a backup's tags are those protect gave, changed the same way; an unknown backup is 3001")
    func backupTags() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let body = #"{"protect": {"backup_name": "tagged", "tags": [{"key": "k", "value": "v"}]}}"#
            let protected = try await emulator.send(.post, CSBSPaths.protect(Seeded.server), token: token, json: body)
            let checkpoint = try #require(protected.dictionary("checkpoint")["id"] as? String)
            let items = try await emulator.send(.get, "\(CSBSPaths.base)/checkpoint_items?checkpoint_id=\(checkpoint)", token: token)
            let item = try #require((items["checkpoint_items"] as? [[String: Any]])?.first?["id"] as? String)
            let tags = "\(CSBSPaths.base)/csbs_backup/\(item)/tags"
            #expect((try await emulator.send(.get, tags, token: token)["tags"] as? [[String: String]]) == [["key": "k", "value": "v"]])
            _ = try await emulator.send(.post, tags, token: token, json: #"{"tag": {"key": "n", "value": "1"}}"#)
            let project = try await emulator.send(.get, "\(CSBSPaths.base)/csbs_backup/tags", token: token)
            #expect((project["tags"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["k", "n"])
            let unknown = try await emulator.send(.get, "\(CSBSPaths.base)/csbs_backup/nope/tags", token: token)
            #expect(unknown.errorCode == "CSBS.3001")
        }
    }
}
