import CSBSClient
import CSBSDryRun
import Foundation
import Logging
import Testing

/// The dry-run transport through real client calls: what it records, the placeholders it answers with, and
/// that no secret reaches what it records.
@Suite("Dry-run transport")
struct DryRunTransportTests {
    /// A dry-run client and its transport.
    private func makeClient(maximumRequests: Int? = nil) -> (BackupClient, DryRunTransport) {
        let transport = DryRunTransport(
            maximumRequests: maximumRequests, currentDate: { Date(timeIntervalSince1970: 1_790_000_000) }
        )
        return (BackupClient.dryRun(transport: transport), transport)
    }

    @Test func createdVaultsGetPlaceholderIDsAndAreFoundAgain() async throws {
        // Given a dry-run client
        let (client, transport) = makeClient()
        // When a vault is created and then looked up by name as a converging statement does
        let created = try await client.createVault(name: "prod", sizeGB: 100, tags: [Tag(key: "env", value: "prod")])
        let found = try await client.listVaults(name: "prod", intent: .createsIfMissing)
        // Then the vault has a readable placeholder id, is found again, and both requests were recorded
        #expect(created.id == "<vault-1>")
        #expect(created.billing?.size?.value == 100)
        #expect(created.tags == [Tag(key: "env", value: "prod")])
        #expect(found.vaults.map(\.id) == ["<vault-1>"])
        let requests = transport.requests
        #expect(requests.map(\.method) == ["POST", "GET"])
        #expect(requests[0].path == "/v3/{project_id}/vaults")
        #expect(requests[0].body?.contains("\"name\":\"prod\"") == true)
        #expect(requests[1].path == "/v3/{project_id}/vaults?name=prod")
        #expect(requests[1].body == nil)
        // And the project's summary counts the created vault's size, with nothing used
        _ = try await client.createVault(name: "assumed-later", sizeGB: 30)
        try await client.deleteVault(id: "<vault-2>")
        #expect(try await client.showVaultSummary() == VaultSummary(sizeGB: 100, usedGB: 0))
        #expect(transport.requests.last?.path == "/v3/{project_id}/vaults/summary")
    }

    @Test func aVaultTheScriptDidNotCreateIsAssumedUnlessConverging() async throws {
        let (client, transport) = makeClient()
        // When an unknown vault is looked up by name, first converging, then as `use vault` does
        let converging = try await client.listVaults(name: "ops", intent: .createsIfMissing)
        let assumed = try await client.listVaults(name: "ops")
        // Then converging finds nothing (so the creating path shows) and the plain lookup finds a placeholder
        #expect(converging.vaults.isEmpty)
        #expect(assumed.vaults.map(\.id) == ["<vault:ops>"])
        #expect(assumed.vaults.first?.name == "ops")
        // And a deletion goes to the placeholder's path, after which the vault is gone
        try await client.deleteVault(id: "<vault:ops>")
        #expect(transport.requests.last?.path == "/v3/{project_id}/vaults/<vault:ops>")
        await #expect(throws: ClientError.self) { try await client.showVault(id: "<vault:ops>") }
    }

    @Test func waitsEndAtOnceAndBackupsFollowTheirCheckpoint() async throws {
        let (client, _) = makeClient()
        let vault = try await client.createVault(name: "v", sizeGB: 10)
        _ = try await client.addResources(vaultID: vault.id, [ResourceReference(id: "srv-1", type: "OS::Nova::Server")])
        // When a restore point is made and waited for
        let checkpoint = try await client.createCheckpoint(vaultID: vault.id, parameters: .init(name: "nightly"))
        let final = try await client.waitForCheckpoint(id: checkpoint.id)
        // Then it is available at the first poll, and its backup of the server is listed
        #expect(checkpoint.id == "<checkpoint-1>")
        #expect(final.status == "available")
        let page = try await client.listBackups(BackupQuery(vaultID: vault.id))
        #expect(page.backups.map(\.id) == ["<backup-1>"])
        #expect(page.backups.first?.resourceID == "srv-1")
        #expect(page.backups.first?.checkpointID == "<checkpoint-1>")
        // And once deleted, the backup is gone (a deletion wait ends at once)
        try await client.deleteBackup(id: "<backup-1>")
        try await client.waitForBackupDeletion(id: "<backup-1>")
        #expect(try await client.listBackups(BackupQuery(vaultID: vault.id)).backups.isEmpty)
    }

    @Test func listsHoldOnlyWhatTheScriptCreated() async throws {
        let (client, _) = makeClient()
        // Given nothing created
        // Then every list is empty
        #expect(try await client.listVaults().vaults.isEmpty)
        #expect(try await client.showVaultSummary() == VaultSummary(sizeGB: 0, usedGB: 0))
        #expect(try await client.listBackups().backups.isEmpty)
        #expect(try await client.listOperationLogs().operationLogs.isEmpty)
        #expect(try await client.listPolicies().isEmpty)
    }

    @Test func anExpectedPolicyNameIsAssumedToExist() async throws {
        let (client, _) = makeClient()
        let unnamed = try await client.listPolicies()
        let named = try await client.listPolicies(intent: .expectsName("nightly"))
        #expect(unnamed.isEmpty)
        #expect(named.map(\.id) == ["<policy:nightly>"])
        #expect(named.first?.name == "nightly")
    }

    @Test func csbsProtectionIsAnsweredWithAnAvailableBackup() async throws {
        let (client, transport) = makeClient()
        let record = try await client.protectServer(id: "srv-9", name: "db")
        let items = try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id))
        #expect(record.id == "<csbs-checkpoint-1>")
        #expect(items.map(\.id) == ["<csbs-backup-1>"])
        #expect(items.first?.status == "available")
        #expect(transport.requests.first?.path.hasPrefix("/v1/{project_id}/providers/") == true)
    }

    @Test func noHeaderAndNoSecretIsRecorded() async throws {
        // Given a request carrying a token header, a secret query parameter and a password in its body
        let transport = DryRunTransport()
        let request = HTTPRequest(
            method: "POST", url: "https://dry-run.invalid/v3/{project_id}/vaults?token=abc123",
            headers: [("X-Auth-Token", "tok-SECRET-1"), ("Authorization", "SDK-HMAC-SHA256 Signature=f00d")],
            body: Data(#"{"vault":{"name":"n","password":"hunter2"}}"#.utf8)
        )
        // When it goes through the transport
        _ = try await transport.execute(request, timeout: .seconds(1), logger: Logger(label: "test"))
        // Then what is recorded shows none of them
        let recorded = try #require(transport.requests.first)
        for text in [recorded.text, recorded.jsonLine] {
            for secret in ["tok-SECRET-1", "f00d", "hunter2", "abc123"] {
                #expect(!text.contains(secret), "\(text)")
            }
        }
        #expect(recorded.body?.contains("\"name\":\"n\"") == true)
        // And the client's own placeholder token never appears either
        let (client, clientTransport) = makeClient()
        _ = try await client.listVaults()
        #expect(!clientTransport.requests.contains { $0.text.contains("dry-run") })
    }

    @Test func theJSONLineEmbedsTheBody() throws {
        let request = DryRunRequest(method: "POST", path: "/v3/{project_id}/vaults", body: #"{"a":1}"#)
        #expect(request.jsonLine == #"{"dry_run_request":{"method":"POST","path":"/v3/{project_id}/vaults","body":{"a":1}}}"#)
        #expect(request.text == "POST /v3/{project_id}/vaults\n    {\"a\":1}")
        let bare = DryRunRequest(method: "GET", path: "/v3/{project_id}/vaults")
        #expect(bare.jsonLine == #"{"dry_run_request":{"method":"GET","path":"/v3/{project_id}/vaults","body":null}}"#)
    }

    @Test func theRequestBudgetEndsTheRun() async throws {
        let (client, transport) = makeClient(maximumRequests: 2)
        _ = try await client.listVaults()
        _ = try await client.listVaults()
        await #expect(throws: CancellationError.self) { try await client.listVaults() }
        #expect(transport.budgetExhausted)
        #expect(transport.requests.count == 2)
    }
}
