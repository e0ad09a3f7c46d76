import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("cbr-features and replication-capabilities: the caller's region, which replicates to the other regions")
struct FeatureControllerTests {
    static let base = "/v3/\(Seeded.project)"
    static let region = EmulatorAccount.demo.projectName

    @Test("list_features answers every feature key; show_feature one key, an unknown key is 9900")
    func features() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let listed = try await emulator.send(.get, "\(Self.base)/cbr-features", token: token)
            #expect(listed.status == .ok)
            #expect(
                listed.object.keys.sorted() == [
                    "features.backup_double_az", "replication.destination_dgw_regions",
                    "replication.destination_regions", "replication.enable", "replication.source_region",
                ]
            )
            #expect(listed["replication.enable"] as? Bool == true)
            #expect(listed["replication.source_region"] as? String == Self.region)
            #expect(listed["replication.destination_regions"] as? [String] == [EmulatorAccount.other.projectName])
            #expect(listed["replication.destination_dgw_regions"] as? [String] == [])
            let shown = try await emulator.send(.get, "\(Self.base)/cbr-features/replication.enable", token: token)
            #expect(shown.status == .ok)
            #expect(shown.object.keys.sorted() == ["replication.enable"])
            let unknown = try await emulator.send(.get, "\(Self.base)/cbr-features/features.other", token: token)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "BackupService.9900")
            let badLimit = try await emulator.send(.get, "\(Self.base)/cbr-features?limit=0", token: token)
            #expect(badLimit.errorCode == "BackupService.9900")
            let anonymous = try await emulator.send(.get, "\(Self.base)/cbr-features")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("replication-capabilities names the caller's region and the emulator's other regions")
    func replicationCapabilities() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let answer = try await emulator.send(.get, "\(Self.base)/replication-capabilities", token: token)
            #expect(answer.status == .ok)
            let regions = answer["regions"] as? [[String: Any]] ?? []
            #expect(regions.count == 1)
            #expect(regions.first?["name"] as? String == Self.region)
            #expect(regions.first?["replication_destinations"] as? [String] == [EmulatorAccount.other.projectName])
        }
    }
}
