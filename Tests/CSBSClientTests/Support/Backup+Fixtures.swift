import CSBSClient

extension Backup {
    /// A backup with every field set and a disk backup among its children: what the round-trip and the summary
    /// tests decode.
    static func everyFieldSet() -> Backup {
        var backup = Backup(id: "b1", status: "available")
        backup.name = "daily"
        backup.description = "d"
        backup.checkpointID = "c1"
        backup.vaultID = "v1"
        backup.projectID = "p1"
        backup.providerID = "prov"
        backup.parentID = "b0"
        backup.resourceID = "r1"
        backup.resourceName = "web"
        backup.resourceType = "OS::Nova::Server"
        backup.resourceAZ = "az1"
        backup.resourceSize = 40
        backup.imageType = "backup"
        backup.createdAt = "2024-01-02T03:04:05.000000"
        backup.updatedAt = "2024-01-02T03:05:05.000000"
        backup.expiredAt = "2024-02-02T03:04:05.000000"
        backup.protectedAt = "2024-01-02T03:04:06.000000"
        backup.incremental = true
        backup.version = 2
        backup.enterpriseProjectID = LenientString("0")
        backup.extendInfo = BackupExtendInfo(
            autoTrigger: false, bootable: true, snapshotID: "s1", supportedRestoreMode: "backup",
            containSystemDisk: true, encrypted: false, systemDisk: false
        )
        backup.children = [Backup(id: "b1-disk", status: "available")]
        return backup
    }
}
