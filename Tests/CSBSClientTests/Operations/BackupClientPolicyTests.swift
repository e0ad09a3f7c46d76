import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("Policies against the emulator")
struct BackupClientPolicyTests {
    private let daily = ["FREQ=DAILY;INTERVAL=1;BYHOUR=14;BYMINUTE=00"]

    @Test func createShowUpdateListAndDelete() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let created = try await client.createPolicy(
                PolicyParameters(name: "nightly", operationDefinition: PolicyOperationDefinition(maxBackups: 7), pattern: daily)
            )
            #expect(created.name == "nightly")
            #expect(created.operationDefinition?.maxBackups?.value == 7)
            #expect(created.trigger?.properties.pattern == daily)
            #expect(try await client.showPolicy(id: created.id).id == created.id)
            let updated = try await client.updatePolicy(id: created.id, PolicyUpdate(name: "nightly2", enabled: false))
            #expect(updated.name == "nightly2" && updated.enabled == false)
            #expect(try await client.listPolicies(operationType: "backup").map(\.id).contains(created.id))
            try await client.deletePolicy(id: created.id)
            let error = try await #require(throws: ClientError.self) { try await client.showPolicy(id: created.id) }
            #expect(error.status == 404)
        }
    }

    @Test func associateAndDissociateWithAVault() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "scheduled", sizeGB: 100)
            let policy = try await client.createPolicy(PolicyParameters(name: "p", pattern: daily))
            let association = try await client.associatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(association.vaultID == vault.id && association.policyID == policy.id)
            #expect(try await client.listPolicies(vaultID: vault.id).map(\.id) == [policy.id])
            let dissociation = try await client.dissociatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(dissociation.policyID == policy.id)
        }
    }

    @Test func a500AfterTheBindingWasAppliedIsReconciledNotResent() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let vault = try await client.createVault(name: "v", sizeGB: 100)
            let policy = try await client.createPolicy(PolicyParameters(name: "p", pattern: daily))
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "associate_vault_policy", count: 1, status: 500, phase: .after)
            )
            let association = try await client.associatePolicy(vaultID: vault.id, policyID: policy.id)
            #expect(association.policyID == policy.id && association.vaultID == vault.id)
            let sent = await emulator.emulator.control.requests().filter { $0.operation == "associate_vault_policy" }
            #expect(sent.count == 1)
        }
    }

    @Test func aDeletionWhoseAnswerWasLostTreatsTheRetry404AsDone() async throws {
        try await withEmulator { emulator in
            let client = emulator.client()
            let policy = try await client.createPolicy(PolicyParameters(name: "gone", pattern: daily))
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "delete_policy", count: 1, drop: true, phase: .after)
            )
            try await client.deletePolicy(id: policy.id)
            let sent = await emulator.emulator.control.requests().filter { $0.operation == "delete_policy" }
            #expect(sent.count == 2)
        }
    }
}
