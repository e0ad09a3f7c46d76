import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Persistence")
struct EmulatorStoreTests {
    @Test("state survives reopening a file database, and reseeding is idempotent")
    func survivesReopen() async throws {
        // Given a database file in a directory that does not exist yet
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("csbs-emulator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = EmulatorStorage.file(path: directory.appendingPathComponent("nested/state.sqlite").path)
        // When a vault is created, the server added, and the emulator reopened
        let expected = try await EmulatorTestClient.run(storage: storage) { emulator in
            let token = try await emulator.token()
            let id = try await emulator.createVault(name: "durable", token: token)
            _ = try await emulator.addResources([(Seeded.server, Seeded.serverType)], vault: id, token: token)
            return id
        }
        // Then the vault, its resource and the seeded accounts are all still there
        try await EmulatorTestClient.run(storage: storage) { emulator in
            let token = try await emulator.token()
            let list = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults", token: token)
            let vaults = list["vaults"] as? [[String: Any]] ?? []
            #expect(vaults.count == 1)
            #expect(vaults.first?["id"] as? String == expected)
            #expect((vaults.first?["resources"] as? [[String: Any]])?.first?["id"] as? String == Seeded.server)
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("nested/state.sqlite").path))
    }
}
