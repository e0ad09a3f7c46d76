@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 restore and delete")
struct CSBSRestoreDeleteTests {
    /// Protects the seed server and returns (record id, backup id, disk backup ids by source disk).
    private func backup(_ emulator: EmulatorTestClient, token: String) async throws
        -> (String, String, [String: String])
    {
        let response = try await emulator.protect(token: token)
        let record = try #require(response.dictionary("checkpoint")["id"] as? String)
        let item = try #require(try await emulator.items(checkpoint: record, token: token).first)
        let volumes = (item["extend_info"] as? [String: Any])?["volume_backups"] as? [[String: Any]] ?? []
        var byDisk: [String: String] = [:]
        for volume in volumes {
            if let disk = volume["source_volume_id"] as? String, let id = volume["id"] as? String { byDisk[disk] = id }
        }
        return (record, try #require(item["id"] as? String), byDisk)
    }

    private func restoreBody(
        record: String, item: String, volumes: [String: String], provider: String = CSBSPaths.provider
    ) -> String {
        let list = volumes.sorted { $0.key < $1.key }
            .map { #"{"backup_id": "\#($0.value)", "volume_id": "\#($0.key)"}"# }.joined(separator: ", ")
        return """
            {"restore": {"provider_id": "\(provider)", "checkpoint_id": "\(record)", "restore_target": null, \
            "parameters": {"checkpoint_item_id": "\(item)", "power_on": true, \
            "targets": {"server_id": "\(Seeded.server)", "volumes": [\(list)]}}}}
            """
    }

    @Test("restore: 4000 while protecting, then in_progress with the item restoring → available")
    func restore() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let (record, item, volumes) = try await backup(emulator, token: token)
            let path = "\(CSBSPaths.base)/restores"
            let early = try await emulator.send(.post, path, token: token, json: restoreBody(record: record, item: item, volumes: volumes))
            #expect(early.status == .badRequest)
            #expect(early.errorCode == "CSBS.4000")

            emulator.clock.advance(by: .seconds(60))
            let started = try await emulator.send(.post, path, token: token, json: restoreBody(record: record, item: item, volumes: volumes))
            #expect(started.status == .ok)
            #expect(started.dictionary("restore")["status"] as? String == "in_progress")
            #expect(started.dictionary("restore")["checkpoint_id"] as? String == record)
            let showPath = "\(CSBSPaths.base)/checkpoint_items/\(item)"
            #expect(try await emulator.send(.get, showPath, token: token).dictionary("checkpoint_item")["status"]
                as? String == "restoring")
            emulator.clock.advance(by: .seconds(30))
            #expect(try await emulator.send(.get, showPath, token: token).dictionary("checkpoint_item")["status"]
                as? String == "available")
        }
    }

    @Test("restore validation: provider 9001, missing field 9001, unknown backup 3001, wrong disk 9001")
    func restoreValidation() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let (record, item, volumes) = try await backup(emulator, token: token)
            emulator.clock.advance(by: .seconds(60))
            let path = "\(CSBSPaths.base)/restores"
            let provider = try await emulator.send(
                .post, path, token: token, json: restoreBody(record: record, item: item, volumes: volumes, provider: "x")
            )
            #expect(provider.errorCode == "CSBS.9001")
            let missing = try await emulator.send(
                .post, path, token: token, json: #"{"restore": {"provider_id": "\#(CSBSPaths.provider)"}}"#
            )
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "CSBS.9001")
            let unknown = try await emulator.send(
                .post, path, token: token, json: restoreBody(record: record, item: "nope", volumes: volumes)
            )
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "CSBS.3001")
            let wrongDisk = try await emulator.send(
                .post, path, token: token, json: restoreBody(record: record, item: item, volumes: ["nope": "x"])
            )
            #expect(wrongDisk.errorCode == "CSBS.9001")
        }
    }

    @Test("delete: 2003 while protecting, then 200 {} with the item deleting → gone (3001)")
    func delete() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let (record, item, _) = try await backup(emulator, token: token)
            let busy = try await emulator.send(.delete, CSBSPaths.delete(record, item: item), token: token)
            #expect(busy.status == .badRequest)
            #expect(busy.errorCode == "CSBS.2003")
            emulator.clock.advance(by: .seconds(60))
            let wrongItem = try await emulator.send(.delete, CSBSPaths.delete(record, item: "nope"), token: token)
            #expect(wrongItem.errorCode == "CSBS.3001")
            let deleted = try await emulator.send(.delete, CSBSPaths.delete(record, item: item), token: token)
            #expect(deleted.status == .ok)
            #expect(deleted.object.isEmpty)
            let showPath = "\(CSBSPaths.base)/checkpoint_items/\(item)"
            #expect(try await emulator.send(.get, showPath, token: token).dictionary("checkpoint_item")["status"]
                as? String == "deleting")
            emulator.clock.advance(by: .seconds(10))
            #expect(try await emulator.send(.get, showPath, token: token).errorCode == "CSBS.3001")
            let again = try await emulator.send(.delete, CSBSPaths.delete(record), token: token)
            #expect(again.status == .notFound)
            #expect(again.errorCode == "CSBS.3001")
        }
    }
}
