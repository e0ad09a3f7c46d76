@testable import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("CSBS v1 checkpoint_items: list filters, paging, sort, count, show")
struct CSBSQueryTests {
    /// Three backups: `alpha` and `beta` of the seed server, `gamma` of the second server, 60 s apart.
    private func threeBackups(_ emulator: EmulatorTestClient, token: String) async throws -> [String] {
        var records: [String] = []
        for (server, name) in [(Seeded.server, "alpha"), (Seeded.secondServer, "gamma"), (Seeded.server, "beta")] {
            let response = try await emulator.protect(
                server, token: token, body: #"{"protect": {"backup_name": "\#(name)"}}"#
            )
            #expect(response.status == .ok)
            records.append(try #require(response.dictionary("checkpoint")["id"] as? String))
            emulator.clock.advance(by: .seconds(60))
        }
        return records
    }

    private func names(_ response: JSONResponse) -> [String] {
        (response["checkpoint_items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test("filters combine with AND; default order is newest first; sort, limit, offset and marker page")
    func listing() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            let records = try await threeBackups(emulator, token: token)
            let base = "\(CSBSPaths.base)/checkpoint_items"
            #expect(names(try await emulator.send(.get, base, token: token)) == ["beta", "gamma", "alpha"])
            #expect(
                names(try await emulator.send(.get, "\(base)?resource_id=\(Seeded.server)", token: token))
                    == ["beta", "alpha"]
            )
            #expect(names(try await emulator.send(.get, "\(base)?checkpoint_id=\(records[1])", token: token)) == ["gamma"])
            #expect(names(try await emulator.send(.get, "\(base)?name=AL", token: token)) == ["alpha"])
            #expect(names(try await emulator.send(.get, "\(base)?resource_name=ecs-9f93-0003", token: token)) == ["gamma"])
            #expect(names(try await emulator.send(.get, "\(base)?status=protecting", token: token)).isEmpty)
            #expect(names(try await emulator.send(.get, "\(base)?sort=name:asc", token: token)) == ["alpha", "beta", "gamma"])
            #expect(names(try await emulator.send(.get, "\(base)?sort=name:asc&limit=1&offset=1", token: token)) == ["beta"])
            let first = try await emulator.send(.get, "\(base)?sort=name:asc&limit=1", token: token)
            let marker = try #require((first["checkpoint_items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(names(try await emulator.send(.get, "\(base)?sort=name:asc&marker=\(marker)", token: token)) == ["beta", "gamma"])
            let bad = try await emulator.send(.get, "\(base)?limit=0", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "CSBS.9001")
            #expect(try await emulator.send(.get, "\(base)?sort=size", token: token).errorCode == "CSBS.9001")
        }
    }

    @Test("count counts matching backups; show returns one, 3001 (404) for an unknown id or another project")
    func countAndShow() async throws {
        try await EmulatorTestClient.live { emulator in
            let token = try await emulator.token()
            _ = try await threeBackups(emulator, token: token)
            let base = "\(CSBSPaths.base)/checkpoint_items"
            #expect(try await emulator.send(.get, "\(base)/count", token: token)["count"] as? Int == 3)
            let counted = try await emulator.send(.get, "\(base)/count?resource_id=\(Seeded.server)", token: token)
            #expect(counted["count"] as? Int == 2)
            let list = try await emulator.send(.get, base, token: token)
            let id = try #require((list["checkpoint_items"] as? [[String: Any]])?.first?["id"] as? String)
            let shown = try await emulator.send(.get, "\(base)/\(id)", token: token)
            #expect(shown.dictionary("checkpoint_item")["name"] as? String == "beta")
            let missing = try await emulator.send(.get, "\(base)/nope", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "CSBS.3001")
            let other = try await emulator.token(.other)
            let hidden = try await emulator.send(.get, "/v1/\(Seeded.otherProject)/checkpoint_items/\(id)", token: other)
            #expect(hidden.errorCode == "CSBS.3001")
        }
    }
}
