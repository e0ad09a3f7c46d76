@testable import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import Testing

@Suite("Declared inventory")
struct EmulatorInventoryTests {
    @Test("both forms decode; defaults fill what is left out")
    func decode() throws {
        let short = try EmulatorInventory.decode(Data(#"{"servers": [{"id": "s1", "name": "web"}]}"#.utf8))
        #expect(short.byProject.map(\.projectId) == [EmulatorAccount.demo.projectID])
        let json = #"{"projects": [{"project_id": "\#(Seeded.otherProject)", "servers": [{"id": "s2", "name": "db", "#
            + #""status": "SHUTOFF", "availability_zone": "cn-south-1b", "disks": [{"id": "d2", "name": "db-sys"}]}]}]}"#
        let perProject = try EmulatorInventory.decode(Data(json.utf8))
        #expect(perProject.byProject.first?.servers.first?.disks?.first?.sizeGb == nil)
    }

    @Test("invalid inventories name the problem", arguments: [
        ("[]", "wrong type"),
        ("{", "not valid JSON"),
        ("{}", "\"servers\" or a \"projects\""),
        (#"{"servers": [{"id": "s1"}]}"#, "missing \"name\" at servers[0]"),
        (#"{"servers": [{"id": "s1", "name": "a"}, {"id": "s1", "name": "b"}]}"#, "duplicate id s1"),
        (#"{"projects": [{"project_id": "nope", "servers": []}]}"#, "unknown project_id nope"),
        (#"{"servers": [{"id": "s1", "name": "a", "disks": [{"id": "d", "name": "d", "size_gb": 0}]}]}"#, "size_gb"),
        (#"{"servers": [{"id": "s1", "name": "a", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}]}"#,
         "tag keys"),
        (#"{"servers": [{"id": "s1", "name": "a", "tags": [{"key": "", "value": "1"}]}]}"#, "tag keys"),
    ])
    func invalid(_ json: String, _ reason: String) {
        #expect {
            try EmulatorInventory.decode(Data(json.utf8))
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test("declared servers are seeded next to the defaults and survive a reset")
    func seededAndReset() async throws {
        var configuration = EmulatorConfiguration()
        let json = #"{"servers": [{"id": "decl-1", "name": "web", "tags": [{"key": "backup", "value": "hourly"}], "#
            + #""disks": [{"id": "decl-d1", "name": "web-sys", "size_gb": 80, "bootable": true}]}]}"#
        configuration.inventory = try EmulatorInventory.decode(Data(json.utf8))
        let control = try EmulatorControl(configuration)
        func servers() throws -> [String] {
            try control.store.dumpTables()["server"]?.compactMap { $0["id"] as? String } ?? []
        }
        #expect(try servers().contains("decl-1"))
        #expect(try servers().contains(Seeded.server))
        let disk = try control.store.dumpTables()["disk"]?.first { $0["id"] as? String == "decl-d1" }
        #expect(disk?["sizeGB"] as? Int == 80)
        #expect(disk?["serverId"] as? String == "decl-1")
        let server = try control.store.dumpTables()["server"]?.first { $0["id"] as? String == "decl-1" }
        #expect(server?["tags"] as? String == #"[{"key":"backup","value":"hourly"}]"#)
        try await control.reset()
        #expect(try servers().contains("decl-1"))
        #expect(try servers().contains(Seeded.server))
    }

    @Test("an unreadable file says so")
    func unreadable() {
        #expect(throws: InventoryError.unreadable(path: "/nonexistent/inventory.json")) {
            try EmulatorInventory.load(path: "/nonexistent/inventory.json")
        }
    }
}
