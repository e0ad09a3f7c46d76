@testable import CSBSEmulator
import Testing

/// The hand-written checkpoint JSON must be byte-identical to what the `Encodable` form gives through the wire
/// encoder.
@Suite("Checkpoint JSON writer")
struct CheckpointBodyJSONTests {
    static func body(resources: Int, skipped: Int) -> CheckpointEnvelope {
        let awkward = BackupBodyJSONTests.awkward
        return CheckpointEnvelope(
            checkpoint: CheckpointBody(
                id: "c-\(awkward)", projectId: "p-1", status: "protecting", createdAt: "2020-08-17T03:51:24.678916",
                vault: CheckpointBody.Vault(
                    id: "v-1", name: awkward,
                    resources: (0..<resources).map { index in
                        CheckpointBody.Resource(
                            id: "r-\(index)", type: "OS::Nova::Server", name: "\(awkward)\(index)", extraInfo: "{}",
                            resourceSize: "40", backupSize: "\(index * 7)", backupCount: "\(index)",
                            protectStatus: "available"
                        )
                    },
                    skippedResources: (0..<skipped).map { index in
                        SkippedResource(
                            id: "s-\(index)", type: "OS::Cinder::Volume", name: awkward, code: "BackupService.6125",
                            reason: "A backup task of this resource is already running."
                        )
                    }
                ),
                extraInfo: CheckpointBody.ExtraInfo(name: awkward, description: "", retentionDuration: -1)
            )
        )
    }

    @Test("a checkpoint matches the encoder byte for byte, with and without resources and skipped ones")
    func checkpoint() {
        for (resources, skipped) in [(0, 0), (1, 0), (0, 2), (3, 2)] {
            let envelope = Self.body(resources: resources, skipped: skipped)
            #expect(String(decoding: envelope.jsonBytes(), as: UTF8.self) == WireJSON.encodeText(envelope))
        }
    }
}
