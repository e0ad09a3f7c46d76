import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Protectable routes")
struct ProtectableControllerTests {
    static let servers = "/v3/\(Seeded.project)/protectables/server/instances"
    static let disks = "/v3/\(Seeded.project)/protectables/disk/instances"

    static func ids(_ response: JSONResponse) -> [String] {
        (response["instances"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("servers list with their disks as children, the vault they are in, and the SHUTOFF one not protectable")
    func servers() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let vault = try await emulator.vault(servers: [Seeded.server], token: token)
            let list = try await emulator.send(.get, Self.servers, token: token)
            #expect(list.status == .ok)
            let instances = list["instances"] as? [[String: Any]] ?? []
            #expect(instances.count == 4)
            let seed = try #require(instances.first { $0["id"] as? String == Seeded.server })
            #expect(seed["type"] as? String == Seeded.serverType)
            #expect(seed["size"] as? Int == 140)
            let children = (seed["children"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(children == [Seeded.systemDisk, Seeded.dataDisk])
            let protectable = try #require(seed["protectable"] as? [String: Any])
            #expect(protectable["result"] as? Bool == true)
            #expect((protectable["vault"] as? [String: Any])?["id"] as? String == vault)
            let shutoff = try #require(instances.first { $0["id"] as? String == Seeded.shutoffServer })
            let blocked = try #require(shutoff["protectable"] as? [String: Any])
            #expect(blocked["result"] as? Bool == false)
            #expect(blocked["code"] as? String == "BackupService.7101")
            #expect(blocked["vault"] is NSNull)
        }
    }

    @Test("filters and paging: name, id, server_id, limit ≤ 50, offset, marker")
    func filters() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let all = Self.ids(try await emulator.send(.get, Self.servers, token: token))
            #expect(Self.ids(try await emulator.send(.get, "\(Self.servers)?name=0003", token: token)) == [Seeded.secondServer])
            #expect(Self.ids(try await emulator.send(.get, "\(Self.servers)?id=\(Seeded.server)", token: token)) == [Seeded.server])
            #expect(Self.ids(try await emulator.send(.get, "\(Self.servers)?limit=2&offset=1", token: token)) == Array(all[1...2]))
            #expect(Self.ids(try await emulator.send(.get, "\(Self.servers)?marker=\(all[1])", token: token)) == Array(all[2...]))
            let disks = Self.ids(try await emulator.send(.get, "\(Self.disks)?server_id=\(Seeded.server)", token: token))
            #expect(disks == [Seeded.systemDisk, Seeded.dataDisk])
            for query in ["limit=51", "limit=0", "status=gone", "marker=nope"] {
                let bad = try await emulator.send(.get, "\(Self.servers)?\(query)", token: token)
                #expect(bad.errorCode == "BackupService.9900")
            }
            let turbo = try await emulator.send(.get, "/v3/\(Seeded.project)/protectables/turbo/instances", token: token)
            #expect(Self.ids(turbo).isEmpty)
            let unknown = try await emulator.send(.get, "/v3/\(Seeded.project)/protectables/cat/instances", token: token)
            #expect(unknown.errorCode == "BackupService.9900")
        }
    }

    @Test("show returns one instance; unknown or another project's resource is 404 6302")
    func show() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let disk = try await emulator.send(.get, "\(Self.disks)/\(Seeded.systemDisk)", token: token)
            #expect(disk.status == .ok)
            #expect(disk.dictionary("instance")["type"] as? String == Seeded.volumeType)
            #expect(disk.dictionary("instance", "detail")["bootable"] as? String == "true")
            for id in ["nope", Seeded.otherProjectServer] {
                let missing = try await emulator.send(.get, "\(Self.servers)/\(id)", token: token)
                #expect(missing.status == .notFound)
                #expect(missing.errorCode == "BackupService.6302")
            }
        }
    }
}
