import CSBSClient
import CSBSTestSupport
import Foundation
import Synchronization

extension EmulatorHarness {
    /// A client on the harness's clock with a configuration adjusted by `configure`, and a fixed jitter.
    func client(
        random: @escaping @Sendable () -> Double = { 0.5 }, configure: (inout ClientConfiguration) -> Void
    ) -> BackupClient {
        var configuration = configuration()
        configure(&configuration)
        let clock = self.clock
        return BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date }, random: random)
    }

    /// A vault holding the seeded server, with one finished restore point; returns the vault and checkpoint.
    func vaultWithFinishedBackup(_ client: BackupClient, name: String = "fixture") async throws -> (Vault, Checkpoint) {
        let vault = try await client.createVault(name: name, sizeGB: 100)
        _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: Seed.serverID, type: "OS::Nova::Server")])
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id)
        let done = try await client.waitForCheckpoint(id: checkpoint.id)
        return (vault, done)
    }
}

/// Collects trace events for assertions.
final class TraceRecorder: Sendable {
    private let storage = Mutex<[TraceEvent]>([])

    var handler: TraceHandler {
        { event in self.storage.withLock { $0.append(event) } }
    }

    var events: [TraceEvent] { storage.withLock { $0 } }

    var retries: [RetryTrace] {
        events.compactMap { if case .retry(let trace) = $0 { trace } else { nil } }
    }

    var reconciliations: [ReconcileTrace] {
        events.compactMap { if case .reconcile(let trace) = $0 { trace } else { nil } }
    }

    var requests: [RequestTrace] {
        events.compactMap { if case .request(let trace) = $0 { trace } else { nil } }
    }
}

/// Collects client notices for assertions.
final class NoticeRecorder: Sendable {
    private let storage = Mutex<[ClientNotice]>([])

    var handler: NoticeHandler {
        { notice in self.storage.withLock { $0.append(notice) } }
    }

    var notices: [ClientNotice] { storage.withLock { $0 } }
}
