import CSBSClient
@testable import CSBSScript
import Testing

/// What `vaults` and `delete vault` say about a deletion the service finishes in the background.
@Suite struct VaultPresenterTests {
    private func vault(_ name: String, status: String) -> Vault {
        Vault(id: "id-\(name)", name: name, billing: Billing(size: 10, used: 0, status: status))
    }

    /// A deleted vault is listed as `deleting` until the service is done: the summary names it, since the table
    /// (one row per vault) does not say it; `delete vault` said "deleted" and the next `vaults` still listed it.
    @Test func theVaultsBeingDeletedAreNamed() {
        #expect(VaultPresenter.list([vault("a", status: "available")]).summary == "1 vault")
        #expect(VaultPresenter.list([vault("a", status: "available"), vault("b", status: "deleting")]).summary
            == #"2 vaults, 1 being deleted: "b""#)
        let many = ["c", "d", "e", "f"].map { vault($0, status: "deleting") }
        #expect(VaultPresenter.list(many).summary == #"4 vaults, 4 being deleted: "c", "d", "e", …"#)
        #expect(VaultPresenter.list([]).summary == "0 vaults")
        #expect(VaultPresenter.deleted(vault("b", status: "available")).summary
            == #"vault "b" deleted (the service removes it and its backups in the background)"#)
    }

    /// `show vault` names the policies bound to the vault; when the service would not list them, it says nothing of
    /// them (`policies` is null) rather than "no policy".
    @Test func showVaultNamesItsPolicies() {
        let v = vault("a", status: "available")
        let nightly = Policy(id: "p1", name: "nightly")
        #expect(VaultPresenter.show(v, policies: [nightly]).summary == #"vault "a": id id-a, 10 GB, 0 resources, policy "nightly""#)
        #expect(VaultPresenter.show(v, policies: [nightly, Policy(id: "p2")]).summary
            == #"vault "a": id id-a, 10 GB, 0 resources, policies "nightly", "p2""#)
        #expect(VaultPresenter.show(v, policies: []).summary == #"vault "a": id id-a, 10 GB, 0 resources, no policy"#)
        let unknown = VaultPresenter.show(v, policies: nil)
        #expect(unknown.summary == #"vault "a": id id-a, 10 GB, 0 resources"#)
        #expect(unknown.fields.first { $0.name == "policies" }?.value == .null)
        let shown = VaultPresenter.show(v, policies: [nightly]).fields.first { $0.name == "policies" }?.value
        #expect(shown?.description == #"[{"id":"p1","name":"nightly"}]"#)
    }

    /// After `detach` the service lists a resource as `removing` until it is done: `show vault` said "2 resources"
    /// after both were detached.
    @Test func showVaultSaysWhichResourcesAreBeingRemoved() {
        var v = vault("a", status: "available")
        v.resources = [
            VaultResource(id: "s1", protectStatus: "available"), VaultResource(id: "s2", protectStatus: "removing"),
        ]
        let shown = VaultPresenter.show(v, policies: [])
        #expect(shown.summary == #"vault "a": id id-a, 10 GB, 2 resources (1 being removed), no policy"#)
        let list = shown.fields.first { $0.name == "resource_list" }?.value.description
        #expect(list?.contains(#""id":"s2","name":null,"type":null,"protect_status":"removing""#) == true)
        // People see them under the summary: `show vault` gave a count and no way to see which without a capture
        #expect(shown.details?.map { $0["id"] } == [.string("s1"), .string("s2")])
        #expect(shown.details?.last?["status"] == .string("removing"))
        #expect(VaultPresenter.show(vault("b", status: "available"), policies: []).details == nil)
    }
}
