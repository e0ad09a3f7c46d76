import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Hybrid-cloud synchronization (import_checkpoint, import_backup), simulated: a sync task that finds nothing")
struct BackupSyncTests {
    static let base = "/v3/\(Seeded.project)"

    static func hybridVaultBody(name: String = "hybrid") -> String {
        EmulatorTestClient.vaultBody(name: name).replacingOccurrences(of: #""public""#, with: #""hybrid""#)
    }

    func task(_ emulator: EmulatorTestClient, id: String, token: String) async throws -> [String: Any] {
        try await emulator.send(.get, "\(Self.base)/operation-logs/\(id)", token: token).dictionary("operation_log")
    }

    @Test("checkpoints/sync of a hybrid-cloud vault answers a finished sync task that imported nothing")
    func syncVault() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, "\(Self.base)/vaults", token: token, json: Self.hybridVaultBody()
            )
            let vault = try #require(created.dictionary("vault")["id"] as? String)
            let synced = try await emulator.send(
                .post, "\(Self.base)/checkpoints/sync", token: token,
                json: #"{"sync": {"vault_id": "\#(vault)", "auto_trigger": false}}"#
            )
            #expect(synced.status == .ok)
            #expect(synced.dictionary("sync")["vault_id"] as? String == vault)
            let taskID = try #require(synced.dictionary("sync")["operation_log_id"] as? String)
            let task = try await task(emulator, id: taskID, token: token)
            #expect(task["operation_type"] as? String == "sync")
            #expect(task["status"] as? String == "success")
            #expect(task["vault_id"] as? String == vault)
            let counts = (task["extra_info"] as? [String: Any])?["sync"] as? [String: Int]
            #expect(counts == ["sync_backup_num": 0, "delete_backup_num": 0, "err_sync_backup_num": 0])
            let backups = try await emulator.send(.get, "\(Self.base)/backups?vault_id=\(vault)", token: token)
            #expect(backups["count"] as? Int == 0)

            let publicVault = try await emulator.createVault(name: "public", token: token)
            let refusals = [
                (#"{"sync": {"vault_id": "\#(publicVault)"}}"#, "BackupService.9900"),
                (#"{"sync": {}}"#, "BackupService.9900"),
                (#"{"sync": {"vault_id": "nope"}}"#, "BackupService.6105"),
            ]
            for (body, code) in refusals {
                let refused = try await emulator.send(.post, "\(Self.base)/checkpoints/sync", token: token, json: body)
                #expect(refused.errorCode == code, "\(body)")
            }
        }
    }

    @Test("backups/sync checks every field and answers one sync task per backup, in request order")
    func syncBackups() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            func item(_ id: String, name: String = "onprem_backup", bucket: String = "unit-1") -> String {
                """
                {"backup_id": "\(id)", "backup_name": "\(name)", "bucket_name": "\(bucket)", \
                "image_path": "/chains/\(id)", "resource_id": "vm-1", "resource_name": "vm-1", \
                "resource_type": "OS::VMware::Server", "created_at": 1548898428}
                """
            }
            let synced = try await emulator.send(
                .post, "\(Self.base)/backups/sync", token: token, json: #"{"sync": [\#(item("b1")), \#(item("b2"))]}"#
            )
            #expect(synced.status == .ok)
            let answers = synced["sync"] as? [[String: Any]] ?? []
            #expect(answers.map { $0["backup_id"] as? String } == ["b1", "b2"])
            let taskID = try #require(answers.first?["operation_log_id"] as? String)
            let task = try await task(emulator, id: taskID, token: token)
            #expect(task["operation_type"] as? String == "sync")
            #expect(task["status"] as? String == "success")
            #expect((task["extra_info"] as? [String: Any])?["resource"] as? [String: String]
                == ["id": "vm-1", "name": "vm-1", "type": "OS::VMware::Server"])

            let refusals = [
                #"{"sync": []}"#,
                #"{"sync": [\#(item("b1", name: "a b"))]}"#,
                #"{"sync": [\#(item("b1", bucket: ""))]}"#,
                #"{"sync": [\#(item("b1").replacingOccurrences(of: "OS::VMware::Server", with: "OS::Nova::Server"))]}"#,
                #"{"sync": [\#(item("b1").replacingOccurrences(of: #""image_path": "/chains/b1", "#, with: ""))]}"#,
            ]
            for body in refusals {
                let refused = try await emulator.send(.post, "\(Self.base)/backups/sync", token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
        }
    }
}
