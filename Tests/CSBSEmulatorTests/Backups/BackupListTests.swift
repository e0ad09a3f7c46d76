import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Backup listing: filters, sort, paging")
struct BackupListTests {
    /// Three checkpoints one minute apart: the seed server, the second server, then the seed server again.
    /// Returns the vault and the backup ids, oldest first; the clock ends after all three finished.
    static func history(_ emulator: EmulatorTestClient, token: String) async throws -> (String, [String]) {
        let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
        var ids: [String] = []
        for server in [Seeded.server, Seeded.secondServer, Seeded.server] {
            let created = try await emulator.checkpoint(vault: vault, resources: [server], token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            ids.append(try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String))
            emulator.clock.advance(by: .seconds(60))
        }
        return (vault, ids)
    }

    static func list(_ emulator: EmulatorTestClient, _ query: String, token: String) async throws -> ([String], Int?) {
        let response = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
        #expect(response.status == .ok)
        let ids = (response["backups"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return (ids, response["count"] as? Int)
    }

    @Test("default order is newest first; count is the total; filters combine")
    func filters() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let (vault, ids) = try await Self.history(emulator, token: token)
            #expect(try await Self.list(emulator, "", token: token) == (Array(ids.reversed()), 3))
            #expect(try await Self.list(emulator, "vault_id=\(vault)&resource_id=\(Seeded.server)", token: token).0 == [ids[2], ids[0]])
            #expect(try await Self.list(emulator, "resource_name=ecs-9f93-0003", token: token).0 == [ids[1]])
            #expect(try await Self.list(emulator, "resource_type=OS::Cinder::Volume", token: token).0.isEmpty)
            #expect(try await Self.list(emulator, "parent_id=\(ids[1])", token: token).0.count == 1)
            #expect(try await Self.list(emulator, "image_type=replication", token: token).0.isEmpty)
            #expect(try await Self.list(emulator, "vault_id=nope", token: token) == ([], 0))
            _ = try await emulator.send(
                .put, "/v3/\(Seeded.project)/backups/\(ids[1])", token: token, json: #"{"backup": {"name": "keep"}}"#
            )
            #expect(try await Self.list(emulator, "name=keep", token: token).0 == [ids[1]])
            // Created at +0 s, +60 s, +120 s from 03:51:24.
            let window = "start_time=2020-08-17T03:52:00Z&end_time=2020-08-17T03:53:00Z"
            #expect(try await Self.list(emulator, window, token: token).0 == [ids[1]])
        }
    }

    @Test("repeated status values are ORed")
    func statuses() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let (vault, ids) = try await Self.history(emulator, token: token)
            _ = try await emulator.send(.delete, "/v3/\(Seeded.project)/backups/\(ids[0])", token: token)
            let created = try await emulator.checkpoint(vault: vault, resources: [Seeded.secondServer], token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            let newest = try #require(try await emulator.backups(checkpoint: checkpoint, token: token).first?["id"] as? String)
            #expect(try await Self.list(emulator, "status=deleting", token: token).0 == [ids[0]])
            #expect(try await Self.list(emulator, "status=protecting&status=deleting", token: token).0 == [newest, ids[0]])
            #expect(try await Self.list(emulator, "status=available", token: token).1 == 2)
            let bad = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?status=bogus", token: token)
            #expect(bad.errorCode == "BackupService.9900")
        }
    }

    @Test("sort takes key[:dir] lists, defaulting to desc; a bad key or direction is 9900")
    func sort() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let (_, ids) = try await Self.history(emulator, token: token)
            #expect(try await Self.list(emulator, "sort=created_at:asc", token: token).0 == ids)
            #expect(try await Self.list(emulator, "sort=created_at", token: token).0 == Array(ids.reversed()))
            #expect(try await Self.list(emulator, "sort=name:asc,created_at:asc", token: token).0 == ids)
            for query in ["sort=size", "sort=created_at:up", "sort="] {
                let bad = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
                #expect(bad.errorCode == "BackupService.9900")
            }
        }
    }

    @Test("limit, offset and marker page through the list; count stays the total; bad values are 9900")
    func paging() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let (_, ids) = try await Self.history(emulator, token: token)
            let newestFirst = Array(ids.reversed())
            #expect(try await Self.list(emulator, "limit=2", token: token) == (Array(newestFirst[0..<2]), 3))
            #expect(try await Self.list(emulator, "limit=2&offset=2", token: token) == ([newestFirst[2]], 3))
            #expect(try await Self.list(emulator, "limit=1&marker=\(newestFirst[0])", token: token).0 == [newestFirst[1]])
            for query in ["limit=0", "limit=1001", "offset=-1", "marker=nope", "start_time=yesterday"] {
                let bad = try await emulator.send(.get, "/v3/\(Seeded.project)/backups?\(query)", token: token)
                #expect(bad.status == .badRequest)
                #expect(bad.errorCode == "BackupService.9900")
            }
        }
    }

    @Test("another project's backups are invisible")
    func isolation() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            _ = try await Self.history(emulator, token: token)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/backups", token: other)
            #expect(foreign.status == .ok)
            #expect((foreign["backups"] as? [Any])?.isEmpty == true)
            #expect(foreign["count"] as? Int == 0)
        }
    }
}
