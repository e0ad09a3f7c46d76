import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

/// The seeded demo servers' tags: ecs-9f93-0002 `env=test`, -0003 `backup=daily`, -0004 `backup=daily` and
/// `env=prod`, -0005 (SHUTOFF) `backup=daily`.
@Suite("auto_bind with bind_rules: servers whose tags match join the vault")
struct VaultAutoBindTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"
    static let fourth = "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"

    static func body(name: String, objectType: String = "server", options: String) -> String {
        """
        {"vault": {"billing": {"cloud_type": "public", "consistent_level": "crash_consistent", \
        "object_type": "\(objectType)", "protect_type": "backup", "size": 200}, "name": "\(name)", \
        "resources": []\(options)}}
        """
    }

    static func resourceIDs(_ vault: [String: Any]) -> [String] {
        (vault["resources"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Creates a server vault named `name` with these extra members (`, "auto_bind": true`) and answers it.
    static func create(
        _ emulator: EmulatorTestClient, name: String, options: String, token: String
    ) async throws -> JSONResponse {
        try await emulator.send(.post, vaults, token: token, json: body(name: name, options: options))
    }

    @Test("on create, the free ACTIVE servers with one of the rules' tags are bound; the stopped one is not")
    func onCreate() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let rules = #", "auto_bind": true, "bind_rules": {"tags": [{"key": "backup", "value": "daily"}]}"#
            let created = try await Self.create(emulator, name: "a", options: rules, token: token)
            #expect(created.status == .ok)
            let bound = Self.resourceIDs(created.dictionary("vault")).sorted()
            #expect(bound == [Seeded.secondServer, Self.fourth].sorted())
            let withoutFlag = #", "bind_rules": {"tags": [{"key": "env", "value": "test"}]}"#
            let idle = try await Self.create(emulator, name: "b", options: withoutFlag, token: token)
            #expect(Self.resourceIDs(idle.dictionary("vault")).isEmpty)
            let diskBody = Self.body(name: "c", objectType: "disk", options: #", "auto_bind": true"#)
            let diskVault = try await emulator.send(.post, Self.vaults, token: token, json: diskBody)
            #expect(Self.resourceIDs(diskVault.dictionary("vault")).isEmpty)
        }
    }

    @Test("an update that turns auto_bind on binds the free servers; without rules every free ACTIVE server")
    func onUpdate() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let holder = try await emulator.vault(servers: [Self.fourth], token: token)
            let rules = #", "bind_rules": {"tags": [{"key": "env", "value": "test"}, {"key": "tier", "value": "gold"}]}"#
            let created = try await Self.create(emulator, name: "a", options: rules, token: token)
            let vault = try #require(created.dictionary("vault")["id"] as? String)
            let updated = try await emulator.send(
                .put, "\(Self.vaults)/\(vault)", token: token, json: #"{"vault": {"auto_bind": true}}"#
            )
            #expect(Self.resourceIDs(updated.dictionary("vault")) == [Seeded.server])
            let plain = try await Self.create(emulator, name: "b", options: "", token: token)
            let second = try #require(plain.dictionary("vault")["id"] as? String)
            let everything = try await emulator.send(
                .put, "\(Self.vaults)/\(second)", token: token, json: #"{"vault": {"auto_bind": true}}"#
            )
            #expect(Self.resourceIDs(everything.dictionary("vault")) == [Seeded.secondServer])
            let held = try await emulator.send(.get, "\(Self.vaults)/\(holder)", token: token)
            #expect(Self.resourceIDs(held.dictionary("vault")) == [Self.fourth])
        }
    }
}
