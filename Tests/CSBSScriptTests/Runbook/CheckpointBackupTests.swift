import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Synchronization
import Testing

/// ``CheckpointBackup`` called as a library, without the language, against the emulator over HTTP.
@Suite("Checkpoint backup")
struct CheckpointBackupTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    /// The write requests (anything but GET) the emulator has logged.
    private func writes(_ emulator: EmulatorHarness) async -> [String] {
        await emulator.control.requests().filter { $0.method != "GET" && !$0.path.hasPrefix("/v3/auth") }
            .map { "\($0.method) \($0.path)" }
    }

    @Test func aResourceNotInTheVaultIsRefusedBeforeAnyWrite() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            let writesBefore = await writes(emulator)
            let backup = CheckpointBackup(client: client)
            await #expect(throws: CheckpointBackupError.notInVault(resourceID: Self.server, vault: vault)) {
                try await backup.vault(vault, holding: [Self.server])
            }
            #expect(await writes(emulator) == writesBefore)
        }
    }

    @Test func aVaultKnownBeforeItsResourceIsLookedAtAgain() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let stale = try await client.createVault(name: "v", sizeGB: 40)
            _ = try await client.addResources(
                vaultID: stale.id, [ResourceReference(id: Self.server, type: VaultObjectType.server.resourceType)]
            )
            let backup = CheckpointBackup(client: client)
            let current = try await backup.vault(stale, holding: [Self.server])
            #expect(current.id == stale.id && current.contains(resourceID: Self.server))
            #expect(try await backup.vault(current, holding: [Self.server]) == current)
        }
    }

    @Test(arguments: [false, true])
    func backsUpAndWaitsWithOrWithoutTheSharedPoller(shared: Bool) async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            _ = try await client.addResources(
                vaultID: vault.id, [ResourceReference(id: Self.server, type: VaultObjectType.server.resourceType)]
            )
            let poller = shared ? CheckpointPoller(client: client) : nil
            let backup = CheckpointBackup(client: client, poller: poller)
            let checkpoint = try await backup.start(CheckpointParameters(name: "nightly"), in: vault)
            #expect(try await backup.find(checkpoint.id)?.id == checkpoint.id)
            #expect(try await backup.find("00000000-0000-4000-8000-000000000001") == nil)
            let before = await emulator.control.requests().count
            let looks = Mutex(0)
            let final = try await backup.waitUntilDone(checkpoint, vaultID: vault.id, policy: .default) { _, _, _, _ in
                looks.withLock { $0 += 1 }
            }
            #expect(final.id == checkpoint.id && final.status == Checkpoint.successStatus)
            #expect(looks.withLock { $0 } > 0)
            // The shared poller looks by listing the vault's backups; the client's waiter shows the checkpoint.
            let looked = await emulator.control.requests().dropFirst(before).filter { $0.method == "GET" }.map(\.path)
            #expect(looked.contains { $0.hasSuffix("/backups") } == shared)
            #expect(looked.contains { $0.hasSuffix("/checkpoints/\(checkpoint.id)") } == !shared)
        }
    }

    @Test func theListingThatFoundTheCheckpointDoneIsItsReportWhenItShowsEveryResource() async throws {
        try await withEmulator { emulator in
            // Given a checkpoint of a server waited on through a poller
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 400)
            let servers = [Self.server]
            _ = try await client.addResources(
                vaultID: vault.id, [ResourceReference(id: Self.server, type: VaultObjectType.server.resourceType)]
            )
            let backup = CheckpointBackup(client: client, poller: CheckpointPoller(client: client))
            let checkpoint = try await backup.start(CheckpointParameters(resources: servers), in: vault)
            let outcome = try await backup.waitWithBackups(checkpoint, vaultID: vault.id, policy: .default) { _, _, _, _ in }
            #expect(outcome.checkpoint.status == Checkpoint.successStatus)
            let seen = try #require(outcome.backups)
            #expect(Set(seen.compactMap(\.resourceID)) == Set(servers))
            // When the report asks for its backups: they are the ones the wait saw, and nothing is sent
            let before = await emulator.control.requests().count
            let reported = try await backup.backups(of: checkpoint, seen: seen)
            #expect(reported.map(\.id) == seen.map(\.id))
            #expect(await emulator.control.requests().count == before)
            // Then a listing that lacks a resource's backup (or none at all) is not trusted: the checkpoint's
            // backups are listed
            let listed = try await backup.backups(of: checkpoint, seen: Array(seen.dropFirst()))
            #expect(listed.map(\.id) == seen.map(\.id))
            #expect(try await backup.backups(of: checkpoint, seen: nil).map(\.id) == seen.map(\.id))
            let calls = await emulator.control.requests().dropFirst(before).compactMap(\.operation)
            #expect(calls == ["list_backups", "list_backups"], "\(calls)")
        }
    }
}
