/// The wire form of a checkpoint (restore point), as in the CBR seed flow (§2.3.1).
///
/// Both create and show return the full form, with `vault` and `extra_info` filled in; the seed's show
/// example has them `null`, which clients must accept anyway.
struct CheckpointBody: Encodable, Sendable {
    struct Vault: Encodable, Sendable {
        var id: String
        var name: String
        var resources: [Resource]
        var skippedResources: [SkippedResource]
    }

    /// A backed-up resource. Sizes and counts are strings on this wire, and `extra_info` is JSON text.
    struct Resource: Encodable, Sendable {
        var id: String
        var type: String
        var name: String
        var extraInfo: String
        var resourceSize: String
        var backupSize: String
        var backupCount: String
        var protectStatus: String
    }

    struct ExtraInfo: Encodable, Sendable {
        var name: String
        var description: String
        /// Days; `-1` is forever.
        var retentionDuration: Int
    }

    var id: String
    var projectId: String
    var status: String
    var createdAt: String
    var vault: Vault
    var extraInfo: ExtraInfo
}

extension CheckpointBody {
    /// The wire form of a stored checkpoint as seen at `now`: each resource's `protect_status` is its backup's
    /// status, and `backup_size`/`backup_count` cover the resource's earlier backups that hold data.
    init(_ details: CheckpointDetails, now: Int64) {
        let checkpoint = details.checkpoint
        self.init(
            id: checkpoint.id,
            projectId: checkpoint.projectId,
            status: checkpoint.status(at: now),
            createdAt: WireTime.cbr(checkpoint.createdAt),
            vault: Vault(
                id: details.vault.id,
                name: details.vault.name,
                resources: details.backups.map { backup in
                    let earlier = details.earlier[backup.resourceId] ?? ResourceHistory()
                    return Resource(
                        id: backup.resourceId,
                        type: backup.resourceType,
                        name: backup.resourceName,
                        extraInfo: "{}",
                        resourceSize: String(backup.resourceSizeGB),
                        backupSize: String(earlier.sizeMB),
                        backupCount: String(earlier.count),
                        protectStatus: backup.status(at: now)
                    )
                },
                skippedResources: WireJSON.decodeText([SkippedResource].self, from: checkpoint.skipped) ?? []
            ),
            extraInfo: ExtraInfo(
                name: checkpoint.name,
                description: checkpoint.description,
                retentionDuration: checkpoint.retentionDuration
            )
        )
    }
}
