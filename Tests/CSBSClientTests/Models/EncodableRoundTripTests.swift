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

    @Test func checkpointAndBackupAnswers() throws {
        var checkpoint = Checkpoint(id: "c1", status: "protecting")
        checkpoint.projectID = "p1"
        checkpoint.createdAt = "2024-01-02T03:04:05.000000"
        checkpoint.extraInfo = CheckpointExtraInfo(name: "daily", description: "d", retentionDuration: -1)
        checkpoint.vault = CheckpointVault(
            id: "v1", name: "prod",
            resources: [
                CheckpointResource(
                    id: "r1", name: "web", type: "OS::Nova::Server", protectStatus: "available", resourceSize: 40,
                    backupSize: 3, backupCount: 1
                )
            ],
            skippedResources: [SkippedResource(id: "r2", name: "db", type: "OS::Nova::Server", code: "E1", reason: "off")]
        )
        #expect(try roundTrip(checkpoint) == checkpoint)
        #expect(try roundTrip(CheckpointEnvelope(checkpoint: checkpoint)) == CheckpointEnvelope(checkpoint: checkpoint))

        let backup = Backup.everyFieldSet()
        #expect(try roundTrip(backup) == backup)
        #expect(try roundTrip(BackupEnvelope(backup: backup)) == BackupEnvelope(backup: backup))
        let page = BackupPage(backups: [backup], count: 1, limit: 10, offset: 0)
        #expect(try roundTrip(page) == page)
    }

    @Test func checkpointAndBackupRequestBodies() throws {
        let create = CreateCheckpointBody(
            checkpoint: .init(
                parameters: .init(autoTrigger: false, description: "d", incremental: true, name: "n", resources: ["r1"]),
                vaultID: "v1"
            )
        )
        #expect(try roundTrip(create) == create)
        let rename = UpdateBackupBody(backup: .init(name: "renamed"))
        #expect(try roundTrip(rename) == rename)
    }

    private func fullPolicyParts() -> (PolicyOperationDefinition, PolicyTrigger) {
        var definition = PolicyOperationDefinition(maxBackups: 5, retentionDurationDays: 30, timezone: "UTC+08:00")
        definition.dayBackups = 1
        definition.weekBackups = 2
        definition.monthBackups = 3
        definition.yearBackups = 4
        definition.fullBackupInterval = 7
        definition.destinationRegion = "eu-west-0"
        definition.destinationProjectID = "p2"
        definition.enableAcceleration = true
        var trigger = PolicyTrigger(pattern: ["FREQ=DAILY;BYHOUR=14;BYMINUTE=00"])
        trigger.id = "t1"
        trigger.name = "daily"
        trigger.type = "time"
        trigger.properties.startTime = "2024-01-02 03:04:05"
        trigger.properties.startWindowMinutes = 60
        return (definition, trigger)
    }

    @Test func policyAnswers() throws {
        let (definition, trigger) = fullPolicyParts()
        let policy = Policy(
            id: "p1", name: "nightly", enabled: true, operationType: "backup", operationDefinition: definition,
            trigger: trigger, associatedVaults: [PolicyAssociatedVault(vaultID: "v1", destinationVaultID: "v2")],
            policyType: "backup"
        )
        #expect(try roundTrip(policy) == policy)
        #expect(try roundTrip(PolicyEnvelope(policy: policy)) == PolicyEnvelope(policy: policy))
        let list = PolicyList(policies: [policy], count: 1)
        #expect(try roundTrip(list) == list)
    }

    @Test func policyRequestBodies() throws {
        let (definition, trigger) = fullPolicyParts()
        let create = PolicyBody(
            policy: .init(
                name: "nightly", operationType: "backup", operationDefinition: definition, trigger: trigger,
                enabled: true
            )
        )
        #expect(try roundTrip(create) == create)
        let update = PolicyUpdateBody(
            policy: .init(name: "n", enabled: false, operationDefinition: definition, trigger: trigger)
        )
        #expect(try roundTrip(update) == update)
    }

    @Test func csbsAnswers() throws {
        let record = CSBSv1Checkpoint(
            id: "c1", status: "protecting", createdAt: "2024-01-02T03:04:05.000000", projectID: "p1",
            resources: [CSBSv1PlanResource(id: "s1", type: "OS::Nova::Server", name: "web")]
        )
        #expect(try roundTrip(record) == record)
        #expect(try roundTrip(CSBSv1ProtectEnvelope(checkpoint: record)) == CSBSv1ProtectEnvelope(checkpoint: record))
        let disk = CSBSv1VolumeBackup(
            id: "d1", name: "disk", bootable: true, sourceVolumeID: "vol1", sourceVolumeName: "sys",
            sourceVolumeSize: 40, size: 1024, status: "available"
        )
        let item = CSBSv1CheckpointItem(
            id: "i1", checkpointID: "c1", name: "manual", description: "d", resourceID: "s1",
            resourceType: "OS::Nova::Server", status: "available", createdAt: "2024-01-02T03:04:05.000000",
            updatedAt: "2024-01-02T03:05:05.000000",
            extendInfo: CSBSv1ExtendInfo(
                progress: 100, resourceName: "web", resourceAZ: "az1", size: 2048, incremental: false,
                failReason: "none", volumeBackups: [disk]
            )
        )
        #expect(try roundTrip(item) == item)
        #expect(try roundTrip(CSBSv1ItemEnvelope(checkpointItem: item)) == CSBSv1ItemEnvelope(checkpointItem: item))
        let list = CSBSv1ItemListEnvelope(checkpointItems: [item])
        #expect(try roundTrip(list) == list)
        #expect(try roundTrip(CSBSv1CountEnvelope(count: 3)) == CSBSv1CountEnvelope(count: 3))
        let restore = CSBSv1RestoreEnvelope(restore: CSBSv1Restore(id: "r1", checkpointID: "c1", status: "success"))
        #expect(try roundTrip(restore) == restore)
        let verdicts = CSBSv1RestorableEnvelope(
            restorable: [CSBSv1Restorability(itemID: "i1", result: false, errorCode: "CSBS.4000", errorMessage: "no")]
        )
        #expect(try roundTrip(verdicts) == verdicts)
    }

    @Test func csbsRequestBodies() throws {
        let protect = CSBSv1ProtectBody(protect: .init(backupName: "b", description: "d", incremental: true))
        #expect(try roundTrip(protect) == protect)
        let volumes = [CSBSv1VolumeMapping(backupID: "d1", volumeID: "vol1")]
        let restore = CSBSv1RestoreBody(
            restore: .init(
                providerID: "prov", checkpointID: "c1",
                parameters: .init(checkpointItemID: "i1", powerOn: true, targets: .init(serverID: "s1", volumes: volumes))
            )
        )
        #expect(try roundTrip(restore) == restore)
        let check = CSBSv1RestorableRequest(
            checkRestorable: [
                CSBSv1RestorableCheck(
                    checkpointItemID: "i1",
                    target: .init(resourceID: "s1", resourceType: "OS::Nova::Server", volumes: volumes)
                )
            ]
        )
        #expect(try roundTrip(check) == check)
    }

    /// Decoded from a body that sets every field, then round-tripped.
    private func decoded<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func protectableOperationLogAndTagAnswers() throws {
        let protectable = try decoded(
            Protectable.self,
            #"{"id": "s1", "name": "web", "type": "OS::Nova::Server", "size": "40", "status": "active", "children": [{"id": "d1", "type": "OS::Cinder::Volume"}], "protectable": {"result": false, "code": "E1", "reason": "in a vault", "message": "m", "vault": {"id": "v1", "name": "prod"}}}"#
        )
        #expect(protectable.protectable?.vault?.name == "prod")
        #expect(try roundTrip(protectable) == protectable)
        #expect(try roundTrip(ProtectableEnvelope(instance: protectable)) == ProtectableEnvelope(instance: protectable))
        #expect(try roundTrip(ProtectableList(instances: [protectable])) == ProtectableList(instances: [protectable]))

        let log = try decoded(
            OperationLog.self,
            #"{"id": "o1", "project_id": "p1", "provider_id": "prov", "checkpoint_id": "c1", "policy_id": "pol", "vault_id": "v1", "vault_name": "prod", "operation_type": "restore", "status": "success", "created_at": "a", "started_at": "b", "ended_at": "c", "updated_at": "d", "error_info": {"code": "", "message": ""}, "extra_info": {"common": {"progress": 100, "request_id": "r", "task_id": "t"}, "resource": {"id": "s1", "name": "web", "type": "OS::Nova::Server"}, "backup": {"backup_id": "b1", "backup_name": "n"}, "delete": {"backup_id": "b2", "backup_name": "m"}, "restore": {"backup_id": "b1", "backup_name": "n", "target_resource_id": "s2", "target_resource_name": "db"}}}"#
        )
        #expect(log.extraInfo?.restore?.targetResourceName == "db")
        #expect(try roundTrip(log) == log)
        #expect(try roundTrip(OperationLogEnvelope(operationLog: log)) == OperationLogEnvelope(operationLog: log))
        let page = OperationLogPage(operationLogs: [log], count: 1, limit: 10, offset: 0)
        #expect(try roundTrip(page) == page)

        let tags = TagList(tags: [Tag(key: "env", value: "prod"), Tag(key: "bare")])
        #expect(try roundTrip(tags) == tags)
        let projectTags = try decoded(ProjectTagList.self, #"{"tags": [{"key": "env", "values": ["prod", "dev"]}]}"#)
        #expect(try roundTrip(projectTags) == projectTags)
    }
}
