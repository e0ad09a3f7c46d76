import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSTestSupport
import Testing

/// ``PolicyConvergence`` called as a library, without the language, against the emulator over HTTP.
@Suite("Policy convergence")
struct PolicyConvergenceTests {
    private let daily = PolicyShape(schedule: .daily, hour: 2, minute: 0, retention: .count(7))

    /// The policy writes (anything but GET) the emulator has logged.
    private func writes(_ emulator: EmulatorHarness) async -> [String] {
        await emulator.control.requests().filter { $0.method != "GET" && !$0.path.hasPrefix("/v3/auth") }
            .map { "\($0.method) \($0.path)" }
    }

    @Test func createsThenFindsItUnchangedWithoutWriting() async throws {
        try await withEmulator { emulator in
            let convergence = PolicyConvergence(client: emulator.client())
            guard case .created(let created) = try await convergence.converge(name: "nightly", to: daily, update: false)
            else {
                Issue.record("the first convergence did not create the policy")
                return
            }
            #expect(PolicyShape(created) == daily)
            let writesAfterCreate = await writes(emulator)
            let again = try await convergence.converge(name: "nightly", to: daily, update: false)
            #expect(again == .unchanged(again.policy) && again.policy.id == created.id)
            #expect(await writes(emulator) == writesAfterCreate)
        }
    }

    @Test func aDifferentShapeChangesOnlyWithUpdate() async throws {
        try await withEmulator { emulator in
            let convergence = PolicyConvergence(client: emulator.client())
            _ = try await convergence.converge(name: "nightly", to: daily, update: false)
            let weekly = PolicyShape(schedule: .weekly([.fr, .mo]), hour: 3, minute: 30, retention: .days(30))
            let left = try await convergence.converge(name: "nightly", to: weekly, update: false)
            #expect(left == .differs(left.policy) && PolicyShape(left.policy) == daily)
            let updated = try await convergence.converge(name: "nightly", to: weekly, update: true)
            #expect(updated == .updated(updated.policy, was: daily))
            #expect(PolicyShape(updated.policy) == PolicyShape(schedule: .weekly([.mo, .fr]), hour: 3, minute: 30, retention: .days(30)))
        }
    }

    @Test func bindsOnceAndFindsByNameOrID() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let convergence = PolicyConvergence(client: client)
            let vault = try await client.createVault(name: "v", sizeGB: 40)
            let policy = try await convergence.converge(name: "nightly", to: daily, update: false).policy
            #expect(try await convergence.bind(convergence.find("nightly"), toVault: vault.id))
            #expect(try await !convergence.bind(convergence.find(policy.id), toVault: vault.id))
            #expect(try await convergence.unbind(convergence.find("nightly"), fromVault: vault.id))
            #expect(try await !convergence.unbind(convergence.find("nightly"), fromVault: vault.id))
            await #expect(throws: PolicyConvergenceError.notFound(name: "weekly")) {
                try await convergence.find("weekly")
            }
        }
    }
}
