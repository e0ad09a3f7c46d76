import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Testing

/// ``VaultConvergence`` called as a library, without the language, against the emulator over HTTP.
@Suite("Vault convergence")
struct VaultConvergenceTests {
    /// The write requests (anything but GET) the emulator has logged.
    private func writes(_ emulator: EmulatorHarness) async -> [String] {
        await emulator.control.requests().filter { $0.method != "GET" && !$0.path.hasPrefix("/v3/auth") }
            .map { "\($0.method) \($0.path)" }
    }

    @Test func createsOnceThenSelectsWithoutWriting() async throws {
        try await withEmulator { emulator in
            let convergence = VaultConvergence(client: emulator.client())
            let request = VaultConvergence.Request(
                name: "nightly", sizeGB: 80, objectType: .disk, consistentLevel: "app_consistent",
                tags: [Tag(key: "env", value: "prod")]
            )
            // Given a first convergence that creates the vault
            guard case .created(let created) = try await convergence.converge(request) else {
                Issue.record("the first convergence did not create the vault")
                return
            }
            #expect(created.billing?.objectType == "disk" && created.billing?.consistentLevel == "app_consistent")
            let writesAfterCreate = await writes(emulator)
            #expect(writesAfterCreate.count == 1)
            // When it converges again, it selects the same vault as it is, and sends no write
            let again = try await convergence.converge(request)
            #expect(again == .selected(again.vault, VaultDifferences()))
            #expect(again.vault.id == created.id)
            #expect(await writes(emulator) == writesAfterCreate)
        }
    }

    @Test func reportsDifferencesAndGrowsOnlyWithResize() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            _ = try await client.createVault(name: "small", sizeGB: 40, tags: [Tag(key: "env", value: "dev")])
            let convergence = VaultConvergence(client: client)
            let writesBefore = await writes(emulator)
            var request = VaultConvergence.Request(
                name: "small", sizeGB: 60, consistentLevel: "app_consistent", tags: [Tag(key: "env", value: "prod")]
            )
            // Without resize the differences are reported and nothing is written
            let selected = try await convergence.converge(request)
            let expected = VaultDifferences(
                askedSizeGB: 60, consistency: .init(asked: "app_consistent", actual: "crash_consistent"),
                missingTags: [Tag(key: "env", value: "prod")]
            )
            #expect(selected == .selected(selected.vault, expected))
            #expect(await writes(emulator) == writesBefore)
            // With resize the vault grows, and the size is no longer a difference
            request.resize = true
            let resized = try await convergence.converge(request)
            guard case .resized(let vault, let fromGB, let differences) = resized else {
                Issue.record("expected a resize, got \(resized)")
                return
            }
            #expect(fromGB == 40 && vault.billing?.size?.value == 60)
            #expect(differences.askedSizeGB == nil && differences.missingTags.count == 1)
        }
    }

    @Test func anotherProtectionTypeOrADuplicateNameIsAnError() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            _ = try await client.createVault(name: "servers", sizeGB: 40, objectType: .server)
            let convergence = VaultConvergence(client: client)
            await #expect(throws: VaultConvergenceError.typeMismatch(vault: "servers", actual: "server", asked: .disk)) {
                try await convergence.converge(.init(name: "servers", sizeGB: 40, objectType: .disk))
            }
            _ = try await client.createVault(name: "servers", sizeGB: 40)
            await #expect(throws: VaultConvergenceError.ambiguous(name: "servers", count: 2)) {
                try await convergence.converge(.init(name: "servers", sizeGB: 40))
            }
        }
    }

    @Test func attachingTwiceSendsOneAddition() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let convergence = VaultConvergence(client: client)
            let vault = try await convergence.converge(.init(name: "v", sizeGB: 40)).vault
            let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
            let first = try await convergence.attach(server, type: .server, to: vault)
            #expect(first == .attached(first.vault) && first.vault.contains(resourceID: server))
            let writesAfterFirst = await writes(emulator)
            let second = try await convergence.attach(server, type: .server, to: first.vault)
            #expect(second == .alreadyAttached(first.vault))
            #expect(await writes(emulator) == writesAfterFirst)
        }
    }

    @Test func concurrentCallsInOneProcessCreateOneVault() async throws {
        try await withEmulator { emulator in
            let convergence = VaultConvergence(client: emulator.client())
            let request = VaultConvergence.Request(name: "pp_one", sizeGB: 100)
            let outcomes = try await withThrowingTaskGroup(of: VaultOutcome.self) { group in
                for _ in 0..<8 { group.addTask { try await convergence.converge(request) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = outcomes.filter { if case .created = $0 { true } else { false } }
            #expect(created.count == 1)
            #expect(Set(outcomes.map(\.vault.id)).count == 1)
            let vaults = try await emulator.client().listVaults(name: "pp_one").vaults.filter { $0.name == "pp_one" }
            #expect(vaults.count == 1)
        }
    }

    @Test func processesCreatingTheSameNameAtOnceSettleOnTheOldest() async throws {
        try await withEmulator { emulator in
            // Sixteen callers that share no lock, as separate processes would.
            let request = VaultConvergence.Request(name: "par_one", sizeGB: 100)
            let outcomes = try await withThrowingTaskGroup(of: VaultOutcome.self) { group in
                for _ in 0..<16 {
                    let convergence = VaultConvergence(client: emulator.client(), locks: NameLocks())
                    group.addTask { try await convergence.converge(request) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let live = try await emulator.client().listVaults(name: "par_one").vaults
                .filter { $0.name == "par_one" && $0.billing?.status != "deleting" }
            #expect(live.count == 1)
            #expect(Set(outcomes.map(\.vault.id)) == Set(live.map(\.id)))
        }
    }
}
