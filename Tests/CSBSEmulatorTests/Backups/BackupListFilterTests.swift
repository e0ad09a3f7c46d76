import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("Backup listing: incremental, enterprise project, sharing and usage filters")
struct BackupListFilterTests {
    /// Two checkpoints of the seed server in a 10 GB vault (the first full, the second incremental), finished.
    static func twoBackups(_ emulator: EmulatorTestClient, token: String) async throws {
        let vault = try await emulator.vault(size: 10, servers: [Seeded.server], token: token)
        for _ in 0..<2 {
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            emulator.clock.advance(by: .seconds(60))
        }
    }

    static func count(_ emulator: EmulatorTestClient, _ query: String, token: String) async throws -> Int? {
        let response = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
        #expect(response.status == .ok, "\(query): \(response.object)")
        return response["count"] as? Int
    }

    @Test("incremental splits the backups; enterprise_project_id matches the vault's project")
    func incrementalAndProject() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            try await Self.twoBackups(emulator, token: token)
            #expect(try await Self.count(emulator, "", token: token) == 2)
            var split = 0
            for (query, value) in [("incremental=false", false), ("incremental=True", true)] {
                let response = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
                let backups = response["backups"] as? [[String: Any]] ?? []
                #expect(backups.allSatisfy { $0["incremental"] as? Bool == value }, "\(query)")
                split += backups.count
            }
            #expect(split == 2)
            #expect(try await Self.count(emulator, "enterprise_project_id=0", token: token) == 2)
            #expect(try await Self.count(emulator, "enterprise_project_id=all_granted_eps", token: token) == 2)
            #expect(try await Self.count(emulator, "enterprise_project_id=another", token: token) == 0)
        }
    }

    @Test("nothing is shared: own_type=shared and member_status list nothing, all_granted lists the own backups")
    func sharing() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            try await Self.twoBackups(emulator, token: token)
            #expect(try await Self.count(emulator, "own_type=private", token: token) == 2)
            #expect(try await Self.count(emulator, "own_type=all_granted", token: token) == 2)
            #expect(try await Self.count(emulator, "own_type=shared", token: token) == 0)
            #expect(try await Self.count(emulator, "member_status=accepted", token: token) == 0)
            #expect(try await Self.count(emulator, "show_replication=true&dec=false", token: token) == 2)
        }
    }

    @Test("used_percent keeps the backups of vaults used at least that much")
    func usage() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            try await Self.twoBackups(emulator, token: token)
            let vaults = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults", token: token)
            let billing = try #require((vaults["vaults"] as? [[String: Any]])?.first?["billing"] as? [String: Any])
            let used = try #require(billing["used"] as? Int)
            let percent = min(100, used * 100 / 10_240)
            #expect(percent >= 1)
            #expect(try await Self.count(emulator, "used_percent=\(percent)", token: token) == 2)
            if percent < 100 {
                #expect(try await Self.count(emulator, "used_percent=\(percent + 1)", token: token) == 0)
            }
        }
    }

    @Test(
        "bad values are BackupService.9900",
        arguments: [
            "incremental=yes", "dec=1", "show_replication=", "own_type=mine", "member_status=maybe", "used_percent=0",
            "used_percent=101", "enterprise_project_id=",
        ]
    )
    func badValues(query: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BackupService.9900")
        }
    }
}
