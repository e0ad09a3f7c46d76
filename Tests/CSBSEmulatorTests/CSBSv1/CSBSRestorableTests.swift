@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 check_restorable")
struct CSBSRestorableTests {
    private static let path = "\(CSBSPaths.base)/providers/\(CSBSPaths.provider)/resources/action"

    /// A `check_restorable` body for one backup onto `server` with one disk mapping.
    private func body(item: String, server: String = Seeded.server, type: String = Seeded.serverType,
                      backup: String, disk: String) -> String {
        """
        {"check_restorable": [{"checkpoint_item_id": "\(item)", "target": {"resource_id": "\(server)", \
        "resource_type": "\(type)", "volumes": [{"backup_id": "\(backup)", "volume_id": "\(disk)"}]}}]}
        """
    }

    /// The verdicts of one check: (result, error_code).
    private func verdict(_ emulator: EmulatorTestClient, token: String, _ json: String) async throws
        -> (Bool?, String?, String?)
    {
        let response = try await emulator.send(.post, Self.path, token: token, json: json)
        #expect(response.status == .ok)
        let first = (response["restorable"] as? [[String: Any]])?.first
        return (first?["result"] as? Bool, first?["error_code"] as? String, first?["checkpoint_item_id"] as? String)
    }

    @Test("a backup is restorable once available, onto a disk of the target; else the restore's error code")
    func verdicts() async throws {
        try await EmulatorTestClient.live { emulator in
            // Given a backup of the seed server, still protecting
            let token = try await emulator.token()
            let record = try #require(try await emulator.protect(token: token).dictionary("checkpoint")["id"] as? String)
            let item = try #require(try await emulator.items(checkpoint: record, token: token).first)
            let itemID = try #require(item["id"] as? String)
            let volumes = (item["extend_info"] as? [String: Any])?["volume_backups"] as? [[String: Any]] ?? []
            let system = try #require(volumes.first { $0["source_volume_id"] as? String == Seeded.systemDisk })
            let backupID = try #require(system["id"] as? String)
            let ok = body(item: itemID, backup: backupID, disk: Seeded.systemDisk)

            // Then it is not restorable while protecting (4000)
            let early = try await verdict(emulator, token: token, ok)
            #expect(early.0 == false && early.1 == "CSBS.4000")

            // When it is available
            emulator.clock.advance(by: .seconds(60))
            // Then it is restorable onto its own disk, and the verdict names the backup
            let good = try await verdict(emulator, token: token, ok)
            #expect(good.0 == true && good.1 == nil && good.2 == itemID)
            // And the refusals carry the restore's codes
            let unknownItem = try await verdict(emulator, token: token, body(item: "nope", backup: backupID, disk: Seeded.systemDisk))
            #expect(unknownItem.0 == false && unknownItem.1 == "CSBS.3001")
            let unknownServer = try await verdict(
                emulator, token: token, body(item: itemID, server: "nope", backup: backupID, disk: Seeded.systemDisk)
            )
            #expect(unknownServer.1 == "CSBS.6000")
            let foreignDisk = try await verdict(
                emulator, token: token, body(item: itemID, backup: backupID, disk: Seeded.secondServerDisk)
            )
            #expect(foreignDisk.1 == "CSBS.9001")
            let wrongType = try await verdict(
                emulator, token: token,
                body(item: itemID, type: Seeded.volumeType, backup: backupID, disk: Seeded.systemDisk)
            )
            #expect(wrongType.1 == "CSBS.6003")

            // And the check changed nothing: the backup is still available
            let show = try await emulator.send(.get, "\(CSBSPaths.base)/checkpoint_items/\(itemID)", token: token)
            #expect(show.dictionary("checkpoint_item")["status"] as? String == "available")
        }
    }

    @Test("an action body with neither check is a parameter error (9001)")
    func emptyAction() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let response = try await emulator.send(.post, Self.path, token: token, json: #"{"check_restorable": []}"#)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "CSBS.9001")
        }
    }
}
