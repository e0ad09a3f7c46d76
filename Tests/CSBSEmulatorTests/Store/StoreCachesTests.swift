@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import NIOCore
import Testing

@Suite("Store caches: write version, cached read responses, cached tokens")
struct StoreCachesTests {
    private static let key = ResponseCache.Key(projectID: "p", route: "show_thing", parameters: "id=1")

    @Test("a rendered body is served again until a write commits, then rendered anew")
    func responsesLastUntilAWrite() async throws {
        let store = try EmulatorStore(storage: .memory)
        var renders = 0
        let first = try await store.cachedResponse(Self.key, at: 10) {
            renders += 1
            return ByteBuffer(string: "body \(renders)")
        }
        let second = try await store.cachedResponse(Self.key, at: 20) {
            renders += 1
            return ByteBuffer(string: "body \(renders)")
        }
        #expect(renders == 1)
        #expect(second == first)

        let before = store.caches.version.current
        try store.resetToSeed(inventory: nil)
        #expect(store.caches.version.current > before)
        let third = try await store.cachedResponse(Self.key, at: 30) {
            renders += 1
            return ByteBuffer(string: "body \(renders)")
        }
        #expect(renders == 2)
        #expect(String(buffer: third) == "body 2")
    }

    @Test("a file store, which another process may write too, renders every time")
    func fileStoresDoNotCache() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-caches-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EmulatorStore(storage: .file(path: directory.appendingPathComponent("state.sqlite").path))
        var renders = 0
        for time in [Int64(10), 20] {
            _ = try await store.cachedResponse(Self.key, at: time) {
                renders += 1
                return ByteBuffer(string: "body")
            }
        }
        #expect(renders == 2)
    }

    @Test("an entry serves only its own version and the time window from its rendering to the next transition")
    func responseWindow() {
        let cache = ResponseCache()
        cache.store(ByteBuffer(string: "x"), for: Self.key, version: 3, from: 100, until: 200)
        #expect(cache.body(for: Self.key, version: 3, at: 100) == ByteBuffer(string: "x"))
        #expect(cache.body(for: Self.key, version: 3, at: 199) == ByteBuffer(string: "x"))
        #expect(cache.body(for: Self.key, version: 3, at: 200) == nil)
        #expect(cache.body(for: Self.key, version: 3, at: 99) == nil)
        #expect(cache.body(for: Self.key, version: 4, at: 150) == nil)
        let other = ResponseCache.Key(projectID: "q", route: "show_thing", parameters: "id=1")
        #expect(cache.body(for: other, version: 3, at: 150) == nil)
    }

    @Test("a full token cache starts over rather than growing")
    func versionedCacheIsBounded() {
        let cache = VersionedCache<Int, String>(capacity: 2)
        cache.store("a", for: 1, version: 0)
        cache.store("b", for: 2, version: 0)
        #expect(cache.value(for: 1, version: 0) == "a")
        #expect(cache.value(for: 1, version: 1) == nil)
        cache.store("c", for: 3, version: 0)
        #expect(cache.value(for: 1, version: 0) == nil)
        #expect(cache.value(for: 3, version: 0) == "c")
    }

    @Test("a cached checkpoint changes status when its backup finishes, with no write in between")
    func checkpointFollowsTheClock() async throws {
        try await EmulatorTestClient.run(backupDuration: .seconds(60)) { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let id = try #require(created.dictionary("checkpoint")["id"] as? String)
            let path = "/v3/\(Seeded.project)/checkpoints/\(id)"
            for _ in 0..<2 {
                let shown = try await emulator.send(.get, path, token: token)
                #expect(shown.dictionary("checkpoint")["status"] as? String == "protecting")
            }
            emulator.clock.advance(by: .seconds(59))
            #expect(try await emulator.send(.get, path, token: token).dictionary("checkpoint")["status"] as? String == "protecting")
            emulator.clock.advance(by: .seconds(1))
            #expect(try await emulator.send(.get, path, token: token).dictionary("checkpoint")["status"] as? String == "available")
        }
    }

    @Test("a cached listing shows a rename at once")
    func listingFollowsWrites() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let created = try await emulator.checkpoint(vault: vault, token: token)
            let checkpoint = try #require(created.dictionary("checkpoint")["id"] as? String)
            emulator.clock.advance(by: .seconds(5))
            let listed = try await emulator.backups(checkpoint: checkpoint, token: token)
            let backup = try #require(listed.first?["id"] as? String)
            #expect(try await emulator.backups(checkpoint: checkpoint, token: token).first?["name"] as? String != "renamed")

            let renamed = try await emulator.send(
                .put, "/v3/\(Seeded.project)/backups/\(backup)", token: token, json: #"{"backup": {"name": "renamed"}}"#
            )
            #expect(renamed.status == .ok)
            #expect(try await emulator.backups(checkpoint: checkpoint, token: token).first?["name"] as? String == "renamed")
        }
    }

    @Test("a token that worked is refused once a reset deleted it")
    func tokensDoNotOutliveAReset() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vaults = "/v3/\(Seeded.project)/vaults"
            #expect(try await emulator.send(.get, vaults, token: token).status == .ok)
            #expect(try await emulator.send(.get, vaults, token: token).status == .ok)
            #expect(try await emulator.send(.post, "/csbs-emulator/v1/reset", json: "{}").status == .noContent)
            #expect(try await emulator.send(.get, vaults, token: token).status == .unauthorized)
        }
    }
}
