import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 quotas")
struct CSBSQuotaTests {
    /// The quota resources by type: (quota, used).
    private func quotas(_ emulator: EmulatorTestClient, token: String) async throws -> [String: [Int]] {
        let response = try await emulator.send(.get, "\(CSBSPaths.base)/quotas", token: token)
        #expect(response.status == .ok)
        var byType: [String: [Int]] = [:]
        for resource in response.dictionary("quotas")["resources"] as? [[String: Any]] ?? [] {
            byType[resource["type"] as? String ?? ""] = [resource["quota"] as? Int ?? 0, resource["used"] as? Int ?? 0]
        }
        return byType
    }

    @Test("backups counts every backup not yet deleted; backup_capacity the GB of those that hold data")
    func usage() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            #expect(try await quotas(emulator, token: token) == ["backup_capacity": [-1, 0], "backups": [600, 0]])
            #expect(try await emulator.protect(token: token).status == .ok)
            #expect(try await quotas(emulator, token: token) == ["backup_capacity": [-1, 0], "backups": [600, 1]])
            emulator.clock.advance(by: .seconds(61))
            // The seeded server's disks hold 6,144 + 2,048 MB: 8 GB.
            #expect(try await quotas(emulator, token: token) == ["backup_capacity": [-1, 8], "backups": [600, 1]])
            let anonymous = try await emulator.send(.get, "\(CSBSPaths.base)/quotas")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
