import CSBSClient
import Foundation
import Testing

/// The dry run encodes the client's response models and decodes its request bodies: each such type, with every
/// field set, must come back equal from an encode and a decode, so a field added later cannot be dropped silently.
@Suite("Models round-trip through JSON")
struct EncodableRoundTripTests {
    /// `value` encoded (as the client encodes requests) and decoded again.
    private func roundTrip<Value: Codable & Equatable>(_ value: Value) throws -> Value {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try JSONDecoder().decode(Value.self, from: encoder.encode(value))
    }

    private func fullVault() -> Vault {
        var resource = VaultResource(id: "r1", name: "web", type: "OS::Nova::Server", protectStatus: "available")
        resource.size = 40
        resource.backupSize = 12
        resource.backupCount = 3
        var vault = Vault(
            id: "v1", name: "prod",
            billing: Billing(
                size: 100, allocated: 40, used: 7, status: "available", objectType: "server", protectType: "backup",
                consistentLevel: "crash_consistent", cloudType: "public", chargingMode: "post_paid",
                specCode: "vault.backup.server.normal"
            ),
            resources: [resource]
        )
        vault.description = "nightly"
        vault.projectID = "p1"
        vault.providerID = "prov"
        vault.createdAt = "2024-01-02T03:04:05.000000"
        vault.tags = [Tag(key: "env", value: "prod"), Tag(key: "bare")]
        return vault
    }

    @Test func vaultAnswers() throws {
        let vault = fullVault()
        #expect(try roundTrip(vault) == vault)
        #expect(try roundTrip(VaultEnvelope(vault: vault)) == VaultEnvelope(vault: vault))
        let page = VaultPage(vaults: [vault], count: 1, limit: 10, offset: 0)
        #expect(try roundTrip(page) == page)
        let summary = VaultSummary(sizeGB: 100, usedGB: 7)
        #expect(try roundTrip(summary) == summary)
        let added = AddResourcesResponse(addResourceIDs: ["r1"])
        #expect(try roundTrip(added) == added)
        let removed = RemoveResourcesResponse(removeResourceIDs: ["r1"])
        #expect(try roundTrip(removed) == removed)
        let association = PolicyAssociation(vaultID: "v1", policyID: "p1", destinationVaultID: "v2")
        #expect(try roundTrip(association) == association)
        #expect(try roundTrip(AssociatePolicyResponse(associatePolicy: association)).associatePolicy == association)
        #expect(try roundTrip(DissociatePolicyResponse(dissociatePolicy: association)).dissociatePolicy == association)
    }

    @Test func vaultRequestBodies() throws {
        let create = CreateVaultBody(
            vault: .init(
                billing: .init(
                    cloudType: "public", consistentLevel: "crash_consistent", objectType: "disk",
                    protectType: "backup", size: 50
                ),
                name: "prod", resources: [ResourceReference(id: "r1", type: "OS::Cinder::Volume", name: "data")],
                tags: [Tag(key: "env", value: "prod")]
            )
        )
        #expect(try roundTrip(create) == create)
        let update = UpdateVaultBody(
            vault: VaultUpdate(
                name: "n", sizeGB: 200, consistentLevel: "app_consistent", autoBind: true, autoExpand: false,
                smnNotify: true, threshold: 80, locked: false
            )
        )
        #expect(try roundTrip(update) == update)
        let nameOnly = UpdateVaultBody(vault: VaultUpdate(name: "n"))
        #expect(try roundTrip(nameOnly) == nameOnly)
        let add = AddResourcesBody(resources: [ResourceReference(id: "r1", type: "OS::Nova::Server")])
        #expect(try roundTrip(add) == add)
        let remove = RemoveResourcesBody(resourceIDs: ["r1", "r2"])
        #expect(try roundTrip(remove) == remove)
        let binding = PolicyBindingBody(policyID: "p1", destinationVaultID: "v2")
        #expect(try roundTrip(binding) == binding)
        let tag = TagBody(tag: Tag(key: "env", value: "prod"))
        #expect(try roundTrip(tag) == tag)
    }
}
