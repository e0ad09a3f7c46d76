import HTTPTypes

/// The `BackupService.xxxx` errors the emulator raises (API reference §4.1).
extension EmulatorError {
    /// `BackupService.9900`: parameter validation failed.
    static func invalidParameter(_ message: String) -> EmulatorError {
        .cbr(.badRequest, 9900, message)
    }

    /// `BackupService.6105`: the vault does not exist (404).
    static let vaultNotFound = EmulatorError.cbr(.notFound, 6105, "The vault does not exist.")

    /// `BackupService.6217`: the restore point does not exist (404).
    static let checkpointNotFound = EmulatorError.cbr(.notFound, 6217, "The restore point does not exist.")

    /// `BackupService.9910`: an unexpected internal error (500). Deliberately generic.
    static let internalError = EmulatorError.cbr(.internalServerError, 9910, "Unknown error.")

    /// `BackupService.6101`: vault size out of range (or not a whole number) on create.
    static func invalidVaultSize(_ size: Double) -> EmulatorError {
        .cbr(
            .badRequest, 6101, "Invalid vault size \(sizeText(size)): it must be a whole number from 10 to 10485760 GB."
        )
    }

    /// A size as the request gave it: `100` for a whole number in `Int`'s range, else the number as written by
    /// Swift (`100.5`, `1e+30`).
    private static func sizeText(_ size: Double) -> String {
        size.rounded() == size && abs(size) < 1e15 ? String(Int(size)) : String(size)
    }

    /// `BackupService.6102`: the vault's object type does not accept this resource type.
    static func resourceTypeMismatch(_ type: String, vaultType: String) -> EmulatorError {
        .cbr(.badRequest, 6102, "The resource type \(type) does not match the vault type \(vaultType).")
    }

    /// `BackupService.6103`: the resource is already associated with a vault (this one or another).
    static func resourceAlreadyInVault(_ id: String, vaultID: String) -> EmulatorError {
        .cbr(.badRequest, 6103, "The resource \(id) is already associated with vault \(vaultID).")
    }

    /// `BackupService.6104`: the same resource appears twice in the request.
    static func duplicateResource(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 6104, "Duplicate resources in the request: \(id).")
    }

    /// `BackupService.6205`: the resource has backups in the old service (CSBS v1), which must be migrated first.
    static func resourceHasLegacyBackups(_ id: String) -> EmulatorError {
        .cbr(
            .badRequest, 6205,
            "The resource \(id) has backups in CSBS; migrate them to CBR (or delete them) before adding it to a vault."
        )
    }

    /// `BackupService.6302` (404): no such resource in the project.
    static func resourceNotFound(_ id: String) -> EmulatorError {
        .cbr(.notFound, 6302, "The resource \(id) does not exist.")
    }

    /// `BackupService.0001`: the vault has nothing to back up.
    static let nothingToBackUp = EmulatorError.cbr(.badRequest, 1, "The vault has no resources to back up.")

    /// `BackupService.6135`: a requested resource is not associated with the vault.
    static func resourceNotInVault(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 6135, "The resource \(id) is not in the vault.")
    }
}

/// Errors of the asynchronous operations (checkpoints, backups, restores, vault deletion).
extension EmulatorError {
    /// `BackupService.1001`: every requested resource is already being backed up.
    static let backupAlreadyRunning = EmulatorError.cbr(
        .badRequest, 1001, "The vault is already executing a backup of these resources."
    )

    /// `BackupService.6113`: the vault's status does not allow a backup.
    static let vaultNotAvailableForBackup = EmulatorError.cbr(
        .badRequest, 6113, "The vault status does not allow backup."
    )

    /// `BackupService.6114`: the vault's used capacity has reached its size.
    static let vaultFull = EmulatorError.cbr(.badRequest, 6114, "The used capacity exceeds the vault size.")

    /// `BackupService.6134`: the resource is being removed from the vault.
    static func resourceBeingRemoved(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 6134, "The resource \(id) is being removed from the vault.")
    }

    /// `BackupService.2010`: the resource is being restored.
    static func resourceBeingRestored(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 2010, "The resource \(id) is being restored.")
    }

    /// `BackupService.2002`: the resource is being backed up, so it cannot be restored now.
    static func resourceBeingBackedUp(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 2002, "The resource \(id) is being backed up; restore it later.")
    }

    /// `BackupService.9910` as the recorded failure of a backup task whose checkpoint ends in `error`.
    static let backupFailed = EmulatorError.cbr(.internalServerError, 9910, "The backup failed.")

    /// `BackupService.6200` (404): no such backup.
    static let backupNotFound = EmulatorError.cbr(.notFound, 6200, "The backup does not exist.")

    /// `BackupService.6201`: this backup cannot be deleted on its own (a disk backup of a server backup).
    static let backupNotDeletable = EmulatorError.cbr(
        .badRequest, 6201, "This backup cannot be deleted: delete the server backup it belongs to."
    )

    /// `CSBS.2003`: a task (backup, restore or deletion) is running on the backup.
    static let backupBusy = EmulatorError(
        status: .badRequest, code: "CSBS.2003", message: "A task is in progress on the backup.", shape: .cbr
    )

    /// `BackupService.2005`: the backup's status does not allow a restore.
    static func backupNotRestorable(_ status: String) -> EmulatorError {
        .cbr(.badRequest, 2005, "The backup status \(status) does not allow restore.")
    }

    /// `BackupService.2012`: a server restore must restore every disk backup (partial-disk restore is refused).
    static func partialDiskRestore(mapped: Int, of total: Int) -> EmulatorError {
        .cbr(
            .badRequest, 2012,
            "Partial-disk restore is not supported: restore.mappings pairs \(mapped) of the \(total) disk backups."
        )
    }

    /// `BackupService.6206`: the backup's status does not allow reading its metadata.
    static func metadataNotAvailable(_ status: String) -> EmulatorError {
        .cbr(.badRequest, 6206, "The backup status \(status) does not allow querying its metadata.")
    }

    /// `BackupService.6202`: the vault must be available to restore.
    static let vaultNotAvailableForRestore = EmulatorError.cbr(
        .badRequest, 6202, "The vault must be available to restore."
    )

    /// `BackupService.7100` (404): no such server.
    static func serverNotFound(_ id: String) -> EmulatorError {
        .cbr(.notFound, 7100, "The server \(id) does not exist.")
    }

    /// `BackupService.7000` (404): no such disk.
    static func diskNotFound(_ id: String) -> EmulatorError {
        .cbr(.notFound, 7000, "The disk \(id) does not exist.")
    }

    /// `BackupService.6500` (404): no such operation log.
    static let operationLogNotFound = EmulatorError.cbr(.notFound, 6500, "Operation log does not exist.")

    /// `BackupService.6203`: a backup is running in the vault.
    static let vaultBackupRunning = EmulatorError.cbr(
        .badRequest, 6203, "A backup is running in the vault; try again when it has finished."
    )

    /// `BackupService.6112`: the vault's status does not allow this operation.
    static func invalidVaultStatus(_ status: String) -> EmulatorError {
        .cbr(.badRequest, 6112, "The vault status \(status) does not allow this operation.")
    }
}

extension EmulatorError {
    /// `BackupService.6101`: the new vault size is smaller than the space its backups use.
    static func vaultSmallerThanUsed(_ size: Int, usedMB: Int) -> EmulatorError {
        .cbr(.badRequest, 6101, "Invalid vault size \(size) GB: the backups already use \(usedMB) MB.")
    }

    /// `BackupService.7101`: the server's status does not allow backup.
    static func serverStatusForbidsBackup(_ id: String, status: String) -> EmulatorError {
        .cbr(.badRequest, 7101, "The server \(id) cannot be backed up in status \(status).")
    }
}

extension EmulatorError {
    /// `BackupService.6101`: vault size out of range (or not a whole number) on update.
    static func invalidVaultUpdateSize(_ size: Double) -> EmulatorError {
        .cbr(
            .badRequest, 6101, "Invalid vault size \(sizeText(size)): it must be a whole number from 1 to 10485760 GB."
        )
    }
}

/// Policy errors.
extension EmulatorError {
    /// `BackupService.6000` (404): no such policy.
    static let policyNotFound = EmulatorError.cbr(.notFound, 6000, "The policy does not exist.")

    /// `BackupService.6002` (404): the policy is not bound to the vault.
    static let policyNotBound = EmulatorError.cbr(.notFound, 6002, "The vault has no such policy bound.")
}

extension EmulatorError {
    /// `BackupService.6110`: the vault cannot be updated this way; the emulator's case is unlocking a locked vault
    /// (the reference: "a locked vault cannot be unlocked"; the code is inferred).
    static let lockedVaultCannotUnlock = EmulatorError.cbr(
        .badRequest, 6110, "The vault cannot be updated: a locked vault cannot be unlocked."
    )

    /// `BackupService.6220`: an automatic backup in a locked vault cannot be deleted manually.
    static let lockedVaultAutomaticBackup = EmulatorError.cbr(
        .badRequest, 6220, "Automatic backups in a locked vault cannot be deleted manually."
    )
}

/// Tag errors.
extension EmulatorError {
    /// `BackupService.9900` for the tag API's unknown vault, as the service words it.
    static let invalidTagVault = EmulatorError.cbr(.badRequest, 9900, "Invalid vault_id provided.")

    /// `BackupService.6600`: the vault would hold more than 20 tags.
    static let tooManyTags = EmulatorError.cbr(.badRequest, 6600, "The tag limit of 20 per vault is reached.")

    /// `BackupService.6601` (404): no tag with this key.
    static func tagNotFound(_ key: String) -> EmulatorError {
        .cbr(.notFound, 6601, "The tag key \(key) does not exist.")
    }
}

/// Backup sharing errors. The reference gives only "6700–6714: backup sharing problems"; which number means what,
/// and the 404 for an unknown member, are inferred (docs/EMULATOR.md, "Backup sharing").
extension EmulatorError {
    /// `BackupService.6700`: the backup cannot be shared (a disk backup of a server backup, not `available`, or
    /// not a server or disk backup).
    static func backupNotShareable(_ reason: String) -> EmulatorError {
        .cbr(.badRequest, 6700, "The backup cannot be shared: \(reason).")
    }

    /// `BackupService.6701`: the backup is already shared with the project.
    static func memberExists(_ projectID: String) -> EmulatorError {
        .cbr(.badRequest, 6701, "The backup is already shared with project \(projectID).")
    }

    /// `BackupService.6702`: a backup is shared with at most ten projects.
    static let tooManyMembers = EmulatorError.cbr(
        .badRequest, 6702, "A backup can be shared with at most \(EmulatorStore.maxMembers) projects."
    )

    /// `BackupService.6703` (404): the backup is not shared with this member.
    static let memberNotFound = EmulatorError.cbr(.notFound, 6703, "The backup share member does not exist.")

    /// `BackupService.6704`: the operation belongs to the other side of the share (only the recipient accepts or
    /// rejects, only the sharer removes a member).
    static func memberActionForbidden(_ reason: String) -> EmulatorError {
        .cbr(.badRequest, 6704, reason)
    }
}

/// Replication errors (`copy_backup`, `copy_checkpoint`). The reference names 1011 ("destination project can't
/// replicate") and the range 6118–6122 ("replication destination problems"); which number is which case is
/// inferred (docs/EMULATOR.md, "Replication").
extension EmulatorError {
    /// `BackupService.1011`: the destination project is unknown in the destination region, or the destination
    /// region is the source's.
    static func replicationDestinationInvalid(_ reason: String) -> EmulatorError {
        .cbr(.badRequest, 1011, "The destination project cannot be replicated to: \(reason).")
    }

    /// `BackupService.6118`: the destination vault is not a replication vault.
    static let notAReplicationVault = EmulatorError.cbr(
        .badRequest, 6118, "The destination vault is not a replication vault (protect_type replication)."
    )

    /// `BackupService.6119`: the backup cannot be replicated (a disk backup, not `available`, or a replica).
    static func backupNotReplicable(_ reason: String) -> EmulatorError {
        .cbr(.badRequest, 6119, "The backup cannot be replicated: \(reason).")
    }

    /// `BackupService.6120`: the backup already has a replica in the destination vault.
    static let alreadyReplicated = EmulatorError.cbr(
        .badRequest, 6120, "The backup has already been replicated to the destination vault."
    )
}

/// File-backup client (agent) errors.
extension EmulatorError {
    /// `BackupService.7403`: no such client in the project ("Invalid agent", 400, as the service's API definition
    /// lists it for the agent operations).
    static func invalidAgent(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 7403, "Invalid agent \(id).")
    }
}
