import CSBSClient
import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

/// A server backed up by CSBS v1 and CBR's vaults.
@Suite("CSBS backups and CBR vaults")
struct CSBSToCBRTests {
    @Test("a server with CSBS backups cannot join a CBR vault (6205) until they are deleted")
    func legacyBackupsBlockTheVault() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let protected = try await emulator.protect(token: token)
            let record = try #require(protected.dictionary("checkpoint")["id"] as? String)
            let vault = try await emulator.createVault(token: token)
            let added = try await emulator.addResources([(Seeded.server, Seeded.serverType)], vault: vault, token: token)
            #expect(added.status == .badRequest)
            #expect(added.errorCode == "BackupService.6205")
            let created = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults", token: token,
                json: EmulatorTestClient.vaultBody().replacingOccurrences(
                    of: #""resources": []"#, with: #""resources": [{"id": "\#(Seeded.server)", "type": "OS::Nova::Server"}]"#
                )
            )
            #expect(created.errorCode == "BackupService.6205")
            let other = try await emulator.addResources([(Seeded.secondServer, Seeded.serverType)], vault: vault, token: token)
            #expect(other.status == .ok)

            emulator.clock.advance(by: .seconds(60))
            let deleted = try await emulator.send(.delete, CSBSPaths.delete(record), token: token)
            #expect(deleted.status == .ok)
            emulator.clock.advance(by: .seconds(10))
            let later = try await emulator.addResources([(Seeded.server, Seeded.serverType)], vault: vault, token: token)
            #expect(later.status == .ok)
        }
    }
}
