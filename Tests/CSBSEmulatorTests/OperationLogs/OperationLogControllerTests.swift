import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Operation log routes")
struct OperationLogControllerTests {
    static let logs = "/v3/\(Seeded.project)/operation-logs"

    @Test("a backup task runs with progress proportional to elapsed time, then succeeds with its extra_info")
    func backupTask() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(100)) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            emulator.clock.advance(by: .seconds(25))
            let list = try await emulator.send(.get, Self.logs, token: token)
            #expect(list.status == .ok)
            #expect(list["count"] as? Int == 1)
            let task = try #require((list["operation_logs"] as? [[String: Any]])?.first)
            #expect(task["operation_type"] as? String == "backup")
            #expect(task["status"] as? String == "running")
            #expect(task["checkpoint_id"] as? String == checkpoint)
            #expect(task["vault_id"] as? String == vault)
            #expect(task["ended_at"] is NSNull)
            let extra = try #require(task["extra_info"] as? [String: Any])
            #expect((extra["common"] as? [String: Any])?["progress"] as? Int == 25)
            #expect((extra["resource"] as? [String: Any])?["id"] as? String == Seeded.server)
            // The server's first backup in the vault is full, though the request asked for an incremental one.
            #expect((extra["backup"] as? [String: Any])?["incremental"] as? String == "false")

            emulator.clock.advance(by: .seconds(75))
            let id = try #require(task["id"] as? String)
            let shown = try await emulator.send(.get, "\(Self.logs)/\(id)", token: token)
            let done = shown.dictionary("operation_log")
            #expect(done["status"] as? String == "success")
            #expect(done["ended_at"] as? String == "2020-08-17T03:53:04.678916")
            #expect(shown.dictionary("operation_log", "extra_info", "common")["progress"] as? Int == 100)
            #expect(shown.dictionary("operation_log", "error_info")["code"] as? String == "")
        }
    }

    @Test("filters, paging and count; unknown or foreign ids are 404 6500; bad values are 9900")
    func listing() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            _ = try await emulator.checkpoint(vault: vault, token: token)
            emulator.clock.advance(by: .seconds(2))
            let all = try await emulator.send(.get, Self.logs, token: token)
            #expect(all["count"] as? Int == 2)
            let byResource = try await emulator.send(.get, "\(Self.logs)?resource_id=\(Seeded.secondServer)", token: token)
            #expect((byResource["operation_logs"] as? [Any])?.count == 1)
            let running = try await emulator.send(.get, "\(Self.logs)?status=running", token: token)
            #expect(running["count"] as? Int == 0)
            let page = try await emulator.send(.get, "\(Self.logs)?limit=1&offset=1&vault_id=\(vault)", token: token)
            #expect((page["operation_logs"] as? [Any])?.count == 1)
            #expect(page["count"] as? Int == 2)
            #expect(page["limit"] as? Int == 1)
            let id = try #require((all["operation_logs"] as? [[String: Any]])?.first?["id"] as? String)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/operation-logs/\(id)", token: other)
            let unknown = try await emulator.send(.get, "\(Self.logs)/nope", token: token)
            for response in [foreign, unknown] {
                #expect(response.status == .notFound)
                #expect(response.errorCode == "BackupService.6500")
            }
            let foreignList = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/operation-logs", token: other)
            #expect(foreignList["count"] as? Int == 0)
            for query in ["operation_type=nap", "status=done", "limit=0", "end_time=2020"] {
                let bad = try await emulator.send(.get, "\(Self.logs)?\(query)", token: token)
                #expect(bad.errorCode == "BackupService.9900")
            }
        }
    }
}
