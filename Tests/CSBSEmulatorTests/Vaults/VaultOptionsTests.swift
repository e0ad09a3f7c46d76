import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import NIOHTTP1
import Testing

@Suite("Vault options: backup_policy_id, locked, bind_rules, backup_name_prefix, availability_zone")
struct VaultOptionsTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"

    @Test("backup_policy_id binds the policy: listed under the policy, and its scheduled backups run")
    func bindsPolicyOnCreate() async throws {
        try await ScheduleWorld.run { world in
            let policy = try await world.policy()
            let body = VaultValidationTests.body(
                extra: #", "backup_policy_id": "\#(policy)""#
            ).replacingOccurrences(of: #""resources": []"#, with: #""resources": [{"id": "\#(ScheduleWorld.server)", "type": "OS::Nova::Server"}]"#)
            let created = try await world.send(.POST, "/vaults", json: body)
            #expect(created.status == 200)
            let vault = try #require((created.json["vault"] as? [String: Any])?["id"] as? String)
            let shown = try await world.send(.GET, "/policies/\(policy)")
            let bound = (shown.json["policy"] as? [String: Any])?["associated_vaults"] as? [[String: Any]]
            #expect(bound?.compactMap { $0["vault_id"] as? String } == [vault])
            let filtered = try await world.send(.GET, "/vaults?policy_id=\(policy)")
            #expect((filtered.json["vaults"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [vault])
            world.advance(hours: 24)
            let backups = try await world.backups(vault: vault)
            #expect(backups.count == 1)
            #expect((backups.first?["extend_info"] as? [String: Any])?["auto_trigger"] as? Bool == true)
        }
    }

    @Test("an unknown backup_policy_id is 404 6000 and creates no vault")
    func unknownPolicy() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, Self.vaults, token: token,
                json: VaultValidationTests.body(extra: #", "backup_policy_id": "00000000-0000-4000-8000-000000000000""#)
            )
            #expect(created.status == .notFound)
            #expect(created.errorCode == "BackupService.6000")
            #expect(try await emulator.send(.get, Self.vaults, token: token)["count"] as? Int == 0)
        }
    }

    @Test("locked, bind_rules, backup_name_prefix and availability_zone are stored and shown; update sets locked and rules")
    func options() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let extra = """
                , "locked": true, "bind_rules": {"tags": [{"key": "env", "value": "prod"}]}, \
                "backup_name_prefix": "nightly", "availability_zone": "cn-north-4a"
                """
            let created = try await emulator.send(
                .post, Self.vaults, token: token, json: VaultValidationTests.body(extra: extra)
            )
            #expect(created.status == .ok)
            let id = try #require(created.dictionary("vault")["id"] as? String)
            let shown = try await emulator.send(.get, "\(Self.vaults)/\(id)", token: token).dictionary("vault")
            for vault in [created.dictionary("vault"), shown] {
                #expect(vault["locked"] as? Bool == true)
                #expect(vault["backup_name_prefix"] as? String == "nightly")
                #expect(vault["availability_zone"] as? String == "cn-north-4a")
                let rules = (vault["bind_rules"] as? [String: Any])?["tags"] as? [[String: String]]
                #expect(rules == [["key": "env", "value": "prod"]])
            }
            let plain = try await emulator.createVault(name: "plain", token: token)
            let defaults = try await emulator.send(.get, "\(Self.vaults)/\(plain)", token: token).dictionary("vault")
            #expect(defaults["locked"] as? Bool == false)
            #expect((defaults["bind_rules"] as? [String: Any])?.isEmpty == true)
            #expect(defaults["backup_name_prefix"] is NSNull)

            let update = #"{"vault": {"locked": true, "bind_rules": {"tags": [{"key": "tier", "value": "1"}]}}}"#
            let updated = try await emulator.send(.put, "\(Self.vaults)/\(plain)", token: token, json: update)
            #expect(updated.dictionary("vault")["locked"] as? Bool == true)
            let rules = (updated.dictionary("vault")["bind_rules"] as? [String: Any])?["tags"] as? [[String: String]]
            #expect(rules == [["key": "tier", "value": "1"]])
            let unlock = try await emulator.send(
                .put, "\(Self.vaults)/\(plain)", token: token, json: #"{"vault": {"locked": false}}"#
            )
            #expect(unlock.status == .badRequest)
            #expect(unlock.errorCode == "BackupService.6110")
        }
    }

    /// The OpenStack client's CBR plugin sends empty bind rules with every vault it creates: no rules.
    @Test func emptyBindRulesAreNoRules() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, Self.vaults, token: token, json: VaultValidationTests.body(extra: #", "bind_rules": {"tags": []}"#)
            )
            #expect(created.status == .ok)
        }
    }

    @Test(
        "bad vault options are 9900",
        arguments: [
            #", "bind_rules": {"tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}"#,
            #", "bind_rules": {"tags": [{"key": "a"}, {"key": "b"}, {"key": "c"}, {"key": "d"}, {"key": "e"}, {"key": "f"}]}"#,
            #", "backup_name_prefix": "has space""#,
            #", "backup_name_prefix": "\#(String(repeating: "p", count: 33))""#,
            #", "availability_zone": """#,
            #", "backup_policy_id": """#,
        ]
    )
    func badOptions(extra: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, Self.vaults, token: token, json: VaultValidationTests.body(extra: extra)
            )
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "BackupService.9900")
        }
    }

    @Test("an automatic backup in a locked vault cannot be deleted (6220); a manual one can")
    func lockedVaultKeepsAutomaticBackups() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let resources = #""resources": [{"id": "\#(Seeded.server)", "type": "OS::Nova::Server"}]"#
            let body = VaultValidationTests.body(extra: #", "locked": true"#)
                .replacingOccurrences(of: #""resources": []"#, with: resources)
            let vault = try #require(
                try await emulator.send(.post, Self.vaults, token: token, json: body).dictionary("vault")["id"] as? String
            )
            var ids: [String] = []
            for auto in [true, false] {
                let point = try await emulator.send(
                    .post, "/v3/\(Seeded.project)/checkpoints", token: token,
                    json: #"{"checkpoint": {"vault_id": "\#(vault)", "parameters": {"auto_trigger": \#(auto)}}}"#
                )
                let checkpoint = try #require(point.dictionary("checkpoint")["id"] as? String)
                emulator.clock.advance(by: .seconds(3))
                ids.append(try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String))
            }
            let automatic = try await emulator.send(.delete, "/v3/\(Seeded.project)/backups/\(ids[0])", token: token)
            #expect(automatic.status == .badRequest)
            #expect(automatic.errorCode == "BackupService.6220")
            let manual = try await emulator.send(.delete, "/v3/\(Seeded.project)/backups/\(ids[1])", token: token)
            #expect(manual.status == .noContent)
        }
    }

    @Test("a tag key is percent-decoded on delete", arguments: ["a b", "备份", "ü-x"])
    func deleteEncodedTagKey(key: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.createVault(token: token)
            let tags = "/v3/\(Seeded.project)/vault/\(vault)/tags"
            let created = try await emulator.send(
                .post, tags, token: token, json: #"{"tag": {"key": \#(jsonLiteral(key)), "value": "v"}}"#
            )
            #expect(created.status == .noContent)
            let encoded = try #require(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let deleted = try await emulator.send(.delete, "\(tags)/\(encoded)", token: token)
            #expect(deleted.status == .noContent)
            #expect((try await emulator.send(.get, tags, token: token)["tags"] as? [Any])?.isEmpty == true)
        }
    }
}
