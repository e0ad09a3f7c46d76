import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Foundation
import Testing

@Suite("CSBS v1 client: protect, query, restore, delete against the emulator")
struct CSBSClientTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    static let stoppedServer = "4b6c1f0e-8a2d-4e57-9c3b-1d0f7e5a2c94"

    /// A client whose CBR endpoint goes nowhere: every CSBS call must use the `csbs` endpoint.
    private func csbsOnlyClient(_ emulator: EmulatorHarness) -> BackupClient {
        var configuration = emulator.configuration()
        let url = emulator.emulator.endpoint
        configuration.endpoints = ServiceEndpoints(iam: url, cbr: "http://127.0.0.1:9", csbs: url)
        let clock = emulator.clock
        return BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date })
    }

    @Test("the seed flow: protect, wait until available, find by record id, restore, delete")
    func seedFlow() async throws {
        try await withEmulator { emulator in
            // Given a client that can only reach CSBS through the csbs endpoint
            let client = csbsOnlyClient(emulator)
            // When the seed's server is protected
            let record = try await client.protectServer(
                id: Self.server, name: "database_backup", description: "backup for database version 2.2.1 before upgrade."
            )
            // Then the record is protecting, and its one backup becomes available
            #expect(record.status == "protecting")
            #expect(record.resources.map(\.id) == [Self.server])
            let items = try await client.checkpointItems(CheckpointItemQuery(checkpointID: record.id)).collect()
            #expect(items.count == 1)
            let item = try #require(items.first)
            #expect(item.name == "database_backup")
            #expect(item.volumeBackups.count == 2)
            let done = try await client.waitForCheckpointItem(id: item.id)
            #expect(done.status == "available")
            #expect(try await client.countCheckpointItems(CheckpointItemQuery(resourceID: Self.server)) == 1)

            // When it is restored onto its own disks
            let restore = try await client.restoreCheckpointItem(done)
            #expect(restore.status == "in_progress")
            #expect(try await client.showCheckpointItem(id: item.id).status == "restoring")
            #expect(try await client.waitForCheckpointItem(id: item.id).status == "available")

            // When it is deleted by record id and backup id
            try await client.deleteCSBSBackup(checkpointID: record.id, itemID: item.id)
            try await client.waitForCheckpointItemDeletion(id: item.id)
            #expect(try await client.countCheckpointItems() == 0)
        }
    }

    @Test("errors carry the CSBS codes: 6000, 6001, 3001, 4000, 2003")
    func errors() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let missing = try await #require(throws: ClientError.self) {
                try await client.protectServer(id: "00000000-0000-4000-8000-000000000000")
            }
            #expect(missing.code == "CSBS.6000" && missing.status == 400)
            let stopped = try await #require(throws: ClientError.self) {
                try await client.protectServer(id: Self.stoppedServer)
            }
            #expect(stopped.code == "CSBS.6001")
            let unknown = try await #require(throws: ClientError.self) { try await client.showCheckpointItem(id: "nope") }
            #expect(unknown.code == "CSBS.3001" && unknown.status == 404)

            let record = try await client.protectServer(id: Self.server, name: "early")
            let item = try #require(try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first)
            let early = try await #require(throws: ClientError.self) { try await client.restoreCheckpointItem(item) }
            #expect(early.code == "CSBS.4000")
            let busy = try await #require(throws: ClientError.self) {
                try await client.deleteCSBSBackup(checkpointID: record.id, itemID: item.id)
            }
            #expect(busy.code == "CSBS.2003")
        }
    }

    @Test("a protect planned to fail ends in error: the waiter returns it and a restore is refused with 4000")
    func plannedError() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "csbs_protect", count: 1, checkpointError: true)
            )
            let record = try await client.protectServer(id: Self.server, name: "doomed")
            let item = try #require(try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id)).first)
            let final = try await client.waitForCheckpointItem(id: item.id)
            #expect(final.status == "error")
            let refused = try await #require(throws: ClientError.self) { try await client.restoreCheckpointItem(final) }
            #expect(refused.code == "CSBS.4000")
        }
    }

    @Test("a protect whose answer is lost is reconciled by name, server and time: exactly one backup")
    func protectReconciled() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "csbs_protect", count: 1, drop: true, phase: .after)
            )
            let record = try await client.protectServer(id: Self.server, name: "once")
            let items = try await client.checkpointItems().collect()
            #expect(items.map(\.checkpointID) == [record.id])
            let protects = await emulator.emulator.control.requests().filter { $0.operation == "csbs_protect" }
            #expect(protects.count == 1)
        }
    }

    @Test("AK/SK signed CSBS calls reach /v1 and verify")
    func signedCalls() async throws {
        try await withEmulator { emulator in
            let account = EmulatorAccount.demo
            let configuration = ClientConfiguration(
                endpoints: .single(emulator.emulator.endpoint),
                credentials: .accessKey(
                    AccessKeyCredentials(
                        accessKey: account.accessKeyID, secretKey: account.secretAccessKey, projectID: account.projectID
                    )
                )
            )
            let clock = emulator.clock
            let client = BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date })
            let record = try await client.protectServer(id: Self.server, name: "signed")
            #expect(try await client.countCheckpointItems(CheckpointItemQuery(checkpointID: record.id)) == 1)
        }
    }

    @Test("the paginator walks every page, by offset and by marker")
    func paging() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let servers = [Self.server, "1a503932-ee8f-4dd5-8248-8dfb57e584c5", "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"]
            for (index, server) in servers.enumerated() {
                _ = try await client.protectServer(id: server, name: "page\(index)")
                emulator.clock.advance(by: .seconds(1))
            }
            let query = CheckpointItemQuery(sort: "name:asc")
            let byOffset = try await client.checkpointItems(query, pageSize: 2).collect()
            #expect(byOffset.map(\.name) == ["page0", "page1", "page2"])
            let byMarker = try await client.checkpointItems(query, pageSize: 2, usingMarker: true).collect()
            #expect(byMarker.map(\.name) == ["page0", "page1", "page2"])
            let named = try await client.checkpointItems(CheckpointItemQuery(name: "page1")).collect()
            #expect(named.map(\.resourceID) == [servers[1]])
        }
    }
}
