@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 protect and check_protectable")
struct CSBSProtectTests {
    @Test("the seed's protect creates a record with one backup per server and a disk backup per disk")
    func seedProtect() async throws {
        try await EmulatorTestClient.live { emulator in
            // Given
            let token = try await emulator.token()
            // When
            let response = try await emulator.protect(token: token)
            // Then
            #expect(response.status == .ok)
            let checkpoint = response.dictionary("checkpoint")
            #expect(checkpoint["status"] as? String == "protecting")
            #expect(checkpoint["project_id"] as? String == Seeded.project)
            #expect(checkpoint["created_at"] as? String == "2020-08-17T03:51:24.678916")
            let plan = response.dictionary("checkpoint", "protection_plan")
            #expect((plan["id"] as? String)?.hasPrefix("fake_") == true)
            let resources = plan["resources"] as? [[String: Any]] ?? []
            #expect(resources.first?["id"] as? String == Seeded.server)
            let id = try #require(checkpoint["id"] as? String)

            let items = try await emulator.items(checkpoint: id, token: token)
            #expect(items.count == 1)
            let item = try #require(items.first)
            #expect(item["name"] as? String == "database_backup")
            #expect(item["description"] as? String == "backup for database version 2.2.1 before upgrade.")
            #expect(item["status"] as? String == "protecting")
            #expect(item["resource_id"] as? String == Seeded.server)
            let extend = item["extend_info"] as? [String: Any] ?? [:]
            let volumes = extend["volume_backups"] as? [[String: Any]] ?? []
            #expect(volumes.compactMap { $0["source_volume_id"] as? String } == [Seeded.systemDisk, Seeded.dataDisk])
            #expect(extend["size"] as? Int == 8_192)
            #expect((item["backup_data"] as? [String: Any])?["__openstack_region_name"] as? String == "")

            emulator.clock.advance(by: .seconds(60))
            let after = try await emulator.items(checkpoint: id, token: token)
            #expect(after.first?["status"] as? String == "available")
            let done = after.first?["extend_info"] as? [String: Any] ?? [:]
            #expect(done["progress"] as? Int == 100)
            #expect((done["volume_backups"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "available" }
                == true)
        }
    }

    @Test("protect errors: unknown server 6000, stopped server 6001, busy server 2003, bad name 9001")
    func protectErrors() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let missing = try await emulator.protect("00000000-0000-4000-8000-000000000000", token: token)
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "CSBS.6000")
            let stopped = try await emulator.protect(Seeded.shutoffServer, token: token)
            #expect(stopped.status == .badRequest)
            #expect(stopped.errorCode == "CSBS.6001")
            let otherProject = try await emulator.protect(Seeded.otherProjectServer, token: token)
            #expect(otherProject.errorCode == "CSBS.6000")
            let badName = try await emulator.protect(token: token, body: #"{"protect": {"backup_name": "a b"}}"#)
            #expect(badName.errorCode == "CSBS.9001")
            let noBody = try await emulator.protect(token: token, body: #"{"other": {}}"#)
            #expect(noBody.errorCode == "CSBS.9001")

            #expect(try await emulator.protect(token: token).status == .ok)
            let busy = try await emulator.protect(token: token)
            #expect(busy.status == .badRequest)
            #expect(busy.errorCode == "CSBS.2003")
            emulator.clock.advance(by: .seconds(60))
            let incremental = try await emulator.protect(
                token: token, body: #"{"protect": {"backup_name": "second", "incremental": true}}"#
            )
            #expect(incremental.status == .ok)
            let id = try #require(incremental.dictionary("checkpoint")["id"] as? String)
            let item = try await emulator.items(checkpoint: id, token: token).first
            #expect((item?["extend_info"] as? [String: Any])?["incremental"] as? Bool == true)
        }
    }

    @Test("a wrong provider id is CSBS.9001, an unknown CSBS path the gateway's 404; auth and projects are enforced")
    func gatewayAndAuth() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let wrong = try await emulator.send(
                .post, CSBSPaths.protect(Seeded.server, provider: "aaaa"), token: token, json: #"{"protect": {}}"#
            )
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "CSBS.9001")
            let unknown = try await emulator.send(.get, "\(CSBSPaths.base)/plans", token: token)
            #expect(unknown.errorCode == "APIGW.0101")
            let anonymous = try await emulator.protect(token: "nope")
            #expect(anonymous.status == .unauthorized)
            let foreign = try await emulator.send(
                .get, "/v1/\(Seeded.otherProject)/checkpoint_items", token: token
            )
            #expect(foreign.status == .forbidden)
        }
    }

    @Test("check_protectable says which servers can be backed up, with the protect error codes")
    func checkProtectable() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let body = """
                {"check_protectable": [{"resource_id": "\(Seeded.server)", "resource_type": "OS::Nova::Server"}, \
                {"resource_id": "\(Seeded.shutoffServer)", "resource_type": "OS::Nova::Server"}, \
                {"resource_id": "nope", "resource_type": "OS::Nova::Server"}]}
                """
            let path = "\(CSBSPaths.base)/providers/\(CSBSPaths.provider)/resources/action"
            let response = try await emulator.send(.post, path, token: token, json: body)
            #expect(response.status == .ok)
            let results = response["protectable"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["result"] as? Bool } == [true, false, false])
            #expect(results.compactMap { $0["error_code"] as? String } == ["CSBS.6001", "CSBS.6000"])
        }
    }
}
