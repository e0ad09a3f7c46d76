import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Organization policies: stored per account, shown from its projects, not deployed")
struct OrganizationPolicyTests {
    static let base = "/v3/\(Seeded.project)/organization-policies"
    static let create = """
        {"policy": {"name": "org_daily", "description": "every member", "operation_type": "backup", \
        "policy_name": "daily", "policy_enabled": true, \
        "policy_operation_definition": {"retention_duration_days": 30}, \
        "policy_trigger": {"properties": {"pattern": ["FREQ=DAILY;INTERVAL=1;BYHOUR=14;BYMINUTE=00"]}}, \
        "effective_scope": "ALL_ACCOUNTS"}}
        """

    @Test("create, list, show, update, detail (one entry per project of the account), delete")
    func lifecycle() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, Self.base, token: token, json: Self.create)
            #expect(created.status == .ok)
            let policy = created.dictionary("policy")
            let id = try #require(policy["id"] as? String)
            #expect(policy["domain_name"] as? String == EmulatorAccount.demo.domainName)
            #expect(policy["status"] as? String == "available")
            #expect((policy["policy_operation_definition"] as? [String: Any])?["retention_duration_days"] as? Int == 30)
            #expect(((policy["policy_trigger"] as? [String: Any])?["properties"] as? [String: Any])?["pattern"] as? [String]
                == ["FREQ=DAILY;INTERVAL=1;BYHOUR=14;BYMINUTE=00"])

            let listed = try await emulator.send(.get, "\(Self.base)?operation_type=backup", token: token)
            #expect(listed["count"] as? Int == 1)
            let none = try await emulator.send(.get, "\(Self.base)?operation_type=replication", token: token)
            #expect(none["count"] as? Int == 0)
            let updated = try await emulator.send(
                .put, "\(Self.base)/\(id)", token: token, json: #"{"policy": {"policy_enabled": false, "name": "org_off"}}"#
            )
            #expect(updated.dictionary("policy")["policy_enabled"] as? Bool == false)
            #expect(updated.dictionary("policy")["name"] as? String == "org_off")
            #expect(try await emulator.send(.get, "\(Self.base)/\(id)", token: token).dictionary("policy")["name"] as? String == "org_off")

            let detail = try await emulator.send(.get, "\(Self.base)/\(id)/policy-detail", token: token)
            let entries = detail["policies"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["project_id"] as? String } == [Seeded.project])
            #expect(entries.first?["policy_id"] as? String == id)

            let other = try await emulator.token(.other)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/organization-policies/\(id)", token: other)
            #expect(foreign.errorCode == "BackupService.6000")

            #expect(try await emulator.send(.delete, "\(Self.base)/\(id)", token: token).status == .noContent)
            #expect(try await emulator.send(.get, "\(Self.base)/\(id)", token: token).errorCode == "BackupService.6000")
        }
    }

    @Test("missing or bad fields are 9900 (before an unknown policy's 6000)")
    func errors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            for (from, to) in [
                (#""policy_name": "daily", "#, ""), (#""operation_type": "backup""#, #""operation_type": "archive""#),
                (#""name": "org_daily""#, #""name": "org daily""#), ("INTERVAL=1", "INTERVAL=0"),
                (#""retention_duration_days": 30"#, #""retention_duration_days": 0"#),
            ] {
                let body = Self.create.replacingOccurrences(of: from, with: to)
                let refused = try await emulator.send(.post, Self.base, token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
            let retype = try await emulator.send(
                .put, "\(Self.base)/missing", token: token, json: #"{"policy": {"operation_type": "replication"}}"#
            )
            #expect(retype.errorCode == "BackupService.9900")
            #expect(try await emulator.send(.get, "\(Self.base)?limit=0", token: token).errorCode == "BackupService.9900")
            let missing = try await emulator.send(.put, "\(Self.base)/missing", token: token, json: #"{"policy": {}}"#)
            #expect(missing.errorCode == "BackupService.6000")
            #expect(try await emulator.send(.get, "\(Self.base)/missing/policy-detail", token: token).errorCode == "BackupService.6000")
            #expect(try await emulator.send(.delete, "\(Self.base)/missing", token: token).errorCode == "BackupService.6000")
        }
    }
}
