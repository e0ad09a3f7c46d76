import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Policy routes")
struct PolicyControllerTests {
    static let policies = "/v3/\(Seeded.project)/policies"
    static let weekly = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=14;BYMINUTE=00"

    static func body(
        name: String = "policy001",
        pattern: [String] = [weekly],
        definition: String = #"{"retention_duration_days": 1, "timezone": "UTC+08:00"}"#
    ) -> String {
        let patterns = pattern.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"policy": {"name": "\#(name)", "operation_type": "backup", "enabled": true, "#
            + #""operation_definition": \#(definition), "trigger": {"properties": {"pattern": [\#(patterns)]}}}}"#
    }

    static func create(_ emulator: EmulatorTestClient, token: String) async throws -> String {
        let created = try await emulator.send(.post, policies, token: token, json: body())
        #expect(created.status == .ok)
        return try #require(created.dictionary("policy")["id"] as? String)
    }

    @Test("create, show, list, update, delete; unknown or foreign ids are 404 6000")
    func crud() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let created = try await emulator.send(.post, Self.policies, token: token, json: Self.body())
            let policy = created.dictionary("policy")
            let id = try #require(policy["id"] as? String)
            #expect(policy["enabled"] as? Bool == true)
            #expect(policy["associated_vaults"] is NSNull)
            #expect(policy["policy_type"] as? String == "custom_policy")
            #expect(created.dictionary("policy", "operation_definition")["retention_duration_days"] as? Int == 1)
            let trigger = created.dictionary("policy", "trigger")
            #expect(trigger["type"] as? String == "time")
            #expect(trigger["name"] as? String == "default")
            let properties = created.dictionary("policy", "trigger", "properties")
            #expect(properties["pattern"] as? [String] == [Self.weekly])
            #expect(properties["start_time"] as? String == "2020-08-17 03:51:24")

            #expect(try await emulator.send(.get, "\(Self.policies)/\(id)", token: token).status == .ok)
            let list = try await emulator.send(.get, "\(Self.policies)?operation_type=backup", token: token)
            #expect(list["count"] as? Int == 1)
            let updated = try await emulator.send(
                .put, "\(Self.policies)/\(id)", token: token, json: #"{"policy": {"name": "renamed", "enabled": false}}"#
            )
            #expect(updated.dictionary("policy")["name"] as? String == "renamed")
            #expect(updated.dictionary("policy")["enabled"] as? Bool == false)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/policies/\(id)", token: other)
            #expect(foreign.errorCode == "BackupService.6000")
            #expect(try await emulator.send(.delete, "\(Self.policies)/\(id)", token: token).status == .noContent)
            let gone = try await emulator.send(.get, "\(Self.policies)/\(id)", token: token)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "BackupService.6000")
        }
    }

    @Test(
        "invalid patterns and retention rules are 9900",
        arguments: [
            body(pattern: ["FREQ=MONTHLY;BYHOUR=1;BYMINUTE=0"]),
            body(pattern: ["FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0"]),
            body(pattern: ["FREQ=DAILY;BYHOUR=24;BYMINUTE=0"]),
            body(pattern: ["FREQ=DAILY;BYHOUR=1;BYMINUTE=60"]),
            body(pattern: ["FREQ=DAILY;BYDAY=XX;BYHOUR=1;BYMINUTE=0"]),
            body(pattern: ["FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30"]),
            body(pattern: ["FREQ=DAILY;BYHOUR=1;BYMINUTE=0;COUNT=3"]),
            body(pattern: ["FREQ=DAILY;INTERVAL=0;BYHOUR=1;BYMINUTE=0"]),
            body(pattern: []),
            body(definition: #"{"max_backups": 5, "retention_duration_days": 5}"#),
            body(definition: #"{"retention_duration_days": 5, "day_backups": 3, "timezone": "UTC+08:00"}"#),
            body(definition: #"{"max_backups": 0}"#),
            body(definition: #"{"day_backups": 3}"#),
            body(definition: #"{"week_backups": 101, "timezone": "UTC+08:00"}"#),
            body(name: "bad name!"),
        ]
    )
    func invalid(_ json: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(.post, Self.policies, token: token, json: json)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.9900")
        }
    }

    @Test("long-term retention with a timezone and several daily times an hour apart are accepted")
    func valid() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let json = Self.body(
                pattern: ["FREQ=DAILY;INTERVAL=1;BYHOUR=1,3;BYMINUTE=0", "FREQ=DAILY;BYHOUR=5;BYMINUTE=30"],
                definition: #"{"max_backups": 10, "day_backups": 3, "week_backups": 1, "timezone": "UTC+08:00"}"#
            )
            #expect(try await emulator.send(.post, Self.policies, token: token, json: json).status == .ok)
        }
    }

    @Test("associate and dissociate a policy; associated_vaults and the vault policy_id filter follow; 6002 unbound")
    func binding() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let policy = try await Self.create(emulator, token: token)
            let vault = try await emulator.createVault(token: token)
            let other = try await emulator.createVault(name: "other", token: token)
            let path = "/v3/\(Seeded.project)/vaults/\(vault)"
            let bound = try await emulator.send(
                .post, "\(path)/associatepolicy", token: token, json: #"{"policy_id": "\#(policy)"}"#
            )
            #expect(bound.status == .ok)
            #expect(bound.dictionary("associate_policy")["vault_id"] as? String == vault)
            #expect(bound.dictionary("associate_policy")["policy_id"] as? String == policy)
            let shown = try await emulator.send(.get, "\(Self.policies)/\(policy)", token: token)
            let associated = shown.dictionary("policy")["associated_vaults"] as? [[String: Any]]
            #expect(associated?.compactMap { $0["vault_id"] as? String } == [vault])
            let filtered = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults?policy_id=\(policy)", token: token)
            #expect((filtered["vaults"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [vault])
            let byVault = try await emulator.send(.get, "\(Self.policies)?vault_id=\(other)", token: token)
            #expect(byVault["count"] as? Int == 0)

            let unknown = try await emulator.send(
                .post, "\(path)/associatepolicy", token: token, json: #"{"policy_id": "nope"}"#
            )
            #expect(unknown.errorCode == "BackupService.6000")
            let both = try await emulator.send(
                .post, "\(path)/associatepolicy", token: token,
                json: #"{"policy_id": "\#(policy)", "add_policy_ids": ["\#(policy)"]}"#
            )
            #expect(both.errorCode == "BackupService.9900")

            let unbound = try await emulator.send(
                .post, "\(path)/dissociatepolicy", token: token, json: #"{"policy_id": "\#(policy)"}"#
            )
            #expect(unbound.status == .ok)
            #expect(unbound.dictionary("dissociate_policy")["policy_id"] as? String == policy)
            let again = try await emulator.send(
                .post, "\(path)/dissociatepolicy", token: token, json: #"{"policy_id": "\#(policy)"}"#
            )
            #expect(again.status == .notFound)
            #expect(again.errorCode == "BackupService.6002")
        }
    }
}
