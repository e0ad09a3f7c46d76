import CSBSClient
import Foundation
import Testing

@Suite("Checkpoint model")
struct CheckpointTests {
    @Test func seedResponsesDecode() throws {
        let created = #"{"checkpoint": {"id": "d9ce", "project_id": "0605", "status": "protecting", "vault": {"id": "ea7b", "name": "my_vault", "resources": [{"id": "e8cc", "type": "OS::Nova::Server", "name": "ecs", "extra_info": "{}", "resource_size": "40", "backup_size": "0", "backup_count": "0", "protect_status": "available"}], "skipped_resources": []}, "created_at": "2020-08-17T06:49:06.307378", "extra_info": {"name": "backup_auto", "description": "backupauto", "retention_duration": -1}}}"#
        let shown = #"{"checkpoint": {"id": "d9ce", "project_id": "0605", "status": "available", "vault": null, "created_at": "2020-08-17T06:49:06.260790", "extra_info": null}}"#
        struct Envelope: Decodable { var checkpoint: Checkpoint }
        let first = try JSONDecoder().decode(Envelope.self, from: Data(created.utf8)).checkpoint
        #expect(first.vault?.resources?.first?.resourceSize == 40)
        #expect(first.extraInfo?.retentionDuration == -1)
        #expect(!first.isTerminal)
        let second = try JSONDecoder().decode(Envelope.self, from: Data(shown.utf8)).checkpoint
        #expect(second.vault == nil)
        #expect(second.isTerminal)
    }

    @Test(arguments: ["available", "error", "deleted", "error-deleting"])
    func terminalStatuses(status: String) {
        #expect(Checkpoint(id: "x", status: status).isTerminal)
    }

    @Test(arguments: ["protecting", "deleting"])
    func transientStatuses(status: String) {
        #expect(!Checkpoint(id: "x", status: status).isTerminal)
    }
}
