import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("Policy calls whose answer is lost are reconciled, never duplicated")
struct PolicyReconcileTests {
    @Test(arguments: [FaultRule.Phase.after, .before])
    func createPolicyWithADroppedResponseMakesExactlyOnePolicy(phase: FaultRule.Phase) async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            // Given a policy of the same name made earlier, and a dropped connection on the next create
            let earlier = try await client.createPolicy(PolicyParameters(name: "nightly", pattern: Self.pattern))
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "create_policy", count: 1, drop: true, phase: phase)
            )
            // When another policy of that name is created
            let policy = try await client.createPolicy(PolicyParameters(name: "nightly", pattern: Self.pattern))
            // Then exactly one new policy exists, and it is the one returned
            let named = try await client.listPolicies().filter { $0.name == "nightly" }.map(\.id)
            #expect(Set(named) == [earlier.id, policy.id])
            #expect(policy.id != earlier.id)
            let creates = await emulator.emulator.control.requests().filter { $0.operation == "create_policy" }
            #expect(creates.count == (phase == .after ? 2 : 3))
        }
    }

    @Test func associateAndDissociateWithADroppedResponseAreReconciled() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "bound", sizeGB: 100)
            let policy = try await client.createPolicy(PolicyParameters(name: "daily", pattern: Self.pattern))
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "associate_vault_policy", count: 1, drop: true, phase: .after)
            )
            let bound = try await client.associatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(bound.policyID == policy.id)
            #expect(try await client.listPolicies(vaultID: vault.id).map(\.id) == [policy.id])
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "disassociate_vault_policy", count: 1, drop: true, phase: .after)
            )
            _ = try await client.dissociatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(try await client.listPolicies(vaultID: vault.id).isEmpty)
            let requests = await emulator.emulator.control.requests()
            #expect(requests.filter { $0.operation == "associate_vault_policy" }.count == 1)
            #expect(requests.filter { $0.operation == "disassociate_vault_policy" }.count == 1)
        }
    }

    private static let pattern = ["FREQ=DAILY;INTERVAL=1;BYHOUR=02;BYMINUTE=00"]
}
