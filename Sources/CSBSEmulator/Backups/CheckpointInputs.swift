import GRDB

extension EmulatorStore {
    /// What a checkpoint of a vault at one time needs of the state, read once for the whole vault: its usage and
    /// each resource's backups (``EmulatorStore/resourceUsage(of:at:in:)``: the vault's rows of `backupTotals` and
    /// the few backups whose status differs from `available`-or-not), the resources in the inventory (two
    /// statements) and the running restores (one range of `operationLog_finishesAt`).
    ///
    /// A checkpoint of a 10,000-server vault used to scan the vault's history index twice (its `billing.used`,
    /// then each resource's earlier backups for the answer) and run five statements per server (its server and
    /// disks, a running restore, a backup still protecting, one holding data): 50,000 statements a checkpoint; then
    /// one grouped scan of the whole history index, whose cost grew with the vault (about 0.5 s at 1,000,000).
    /// `CheckpointInputsTests` checks each answer against the statement it replaces.
    struct CheckpointInputs {
        /// Per resource id: its top-level backups in the vault (``resourceUsage(of:at:in:)``).
        var usage: [String: ResourceUsage]
        /// The vault's resources in the inventory, by id (``ProtectableResource/findAll(_:vaultID:projectID:in:)``).
        var resources: [String: ProtectableResource]
        /// The resources a `restore` task is writing to.
        var restoring: Set<String>

        /// Reads the inputs of a checkpoint of `members` (resources of `vault`) at `now`.
        init(vault: VaultRecord, members: [VaultResourceRecord], at now: Int64, in db: Database) throws {
            usage = try EmulatorStore.resourceUsage(of: vault.id, at: now, in: db)
            resources = try ProtectableResource.findAll(members, vaultID: vault.id, projectID: vault.projectId, in: db)
            restoring = try EmulatorStore.runningRestoreTargets(projectID: vault.projectId, now: now, in: db)
        }

        /// `billing.used` of the vault (``usedMB(vaultID:at:in:)``).
        var usedMB: Int {
            usage.values.reduce(0) { $0 + $1.held.sizeMB }
        }

        /// Whether a backup of the resource holds data (``BackupSQL/occupiesSpace``): an incremental backup can
        /// build on it.
        func holdsData(_ resourceID: String) -> Bool {
            (usage[resourceID]?.held.count ?? 0) > 0
        }

        /// The skip record (`BackupService.6125`) for a member whose backup is still `protecting`, else `nil`
        /// (``isProtectingSQL``).
        func skippedIfProtecting(_ member: VaultResourceRecord) -> SkippedResource? {
            guard usage[member.resourceId]?.protecting == true else { return nil }
            return SkippedResource(protecting: member)
        }

        /// Per resource of `backups`, its earlier backups holding data (``CheckpointDetails/earlier``) for a
        /// checkpoint made at the time these inputs were read.
        func earlier(of backups: [BackupRecord]) -> [String: ResourceHistory] {
            var earlier: [String: ResourceHistory] = [:]
            for backup in backups {
                earlier[backup.resourceId] = usage[backup.resourceId]?.earlier ?? ResourceHistory()
            }
            return earlier
        }
    }
}
