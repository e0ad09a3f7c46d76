import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("vaults/batch-update and vaults/external are their own routes, not a vault id")
struct VaultBatchRoutesTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"

    @Test("batch-update sets smn_notify and threshold on every vault of the project")
    func batchUpdate() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let first = try await emulator.createVault(name: "first", token: token)
            let second = try await emulator.createVault(name: "second", token: token)
            let other = try await emulator.token(.other)
            let foreign = try await emulator.createVault(token: other, project: Seeded.otherProject)
            let updated = try await emulator.send(
                .put, "\(Self.vaults)/batch-update", token: token,
                json: #"{"vault": {"smn_notify": false, "threshold": 90}}"#
            )
            #expect(updated.status == .ok)
            #expect(updated["updated_vaults_id"] as? [String] == [first, second])
            for id in [first, second] {
                let vault = try await emulator.send(.get, "\(Self.vaults)/\(id)", token: token).dictionary("vault")
                #expect(vault["smn_notify"] as? Bool == false)
                #expect(vault["threshold"] as? Int == 90)
            }
            let untouched = try await emulator.send(
                .get, "/v3/\(Seeded.otherProject)/vaults/\(foreign)", token: other
            ).dictionary("vault")
            #expect(untouched["threshold"] as? Int == 80)
            let bad = try await emulator.send(
                .put, "\(Self.vaults)/batch-update", token: token, json: #"{"vault": {"threshold": 0}}"#
            )
            #expect(bad.errorCode == "BackupService.9900")
        }
    }

    @Test("external lists the vaults of a project of the caller's account in that region, never another account's")
    func external() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let own = try await emulator.createVault(token: token)
            let other = try await emulator.token(.other)
            _ = try await emulator.createVault(token: other, project: Seeded.otherProject)
            let region = EmulatorAccount.demo.projectName
            let listed = try await emulator.send(
                .get, "\(Self.vaults)/external?external_project_id=\(Seeded.project)&region_id=\(region)", token: token
            )
            #expect(listed.status == .ok)
            #expect((listed["vaults"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [own])
            let foreign = try await emulator.send(
                .get,
                "\(Self.vaults)/external?external_project_id=\(Seeded.otherProject)&region_id=\(EmulatorAccount.other.projectName)",
                token: token
            )
            #expect(foreign.status == .ok)
            #expect(foreign["count"] as? Int == 0)
            let missing = try await emulator.send(.get, "\(Self.vaults)/external", token: token)
            #expect(missing.errorCode == "BackupService.9900")
        }
    }
}
